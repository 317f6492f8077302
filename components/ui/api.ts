/** The one way the browser talks to /api/v1: JSON in, JSON out, errors as ApiError with the envelope's fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && typeof window !== "undefined") {
      // A session that expired mid-page: a full navigation, so the proxy and sign-in page take over cleanly.
      window.location.assign(new URL(`/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname)}`, window.location.origin));
    }
    throw new ApiError(res.status, error?.code ?? "internal", error?.message ?? `Request failed (${res.status}).`, error?.details);
  }
  return data as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong.";
}
