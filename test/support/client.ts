/** A tiny HTTP client for the API tests: a cookie session (as a browser has) or a bearer token. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  private cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    private bearer?: string,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  }

  async raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    if (this.bearer) headers.set("authorization", `Bearer ${this.bearer}`);
    const res = await fetch(this.baseUrl + path, { ...init, headers, redirect: "manual" });
    this.keepCookies(res);
    return res;
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await this.raw(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>("PUT", path, body);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }

  /** Signs in through next-auth's credentials flow, as the sign-in form does. Returns the error, if any. */
  async signIn(email: string, password: string): Promise<{ ok: boolean; error?: string }> {
    const csrf = await this.request<{ csrfToken: string }>("GET", "/api/auth/csrf");
    const res = await this.raw("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, email, password, json: "true" }).toString(),
    });
    const location = res.headers.get("location") ?? "";
    const text = await res.text();
    let url = location;
    try {
      url = (JSON.parse(text) as { url?: string }).url ?? location;
    } catch {
      /* redirect */
    }
    const error = new URL(url, this.baseUrl).searchParams.get("error");
    return error ? { ok: false, error } : { ok: true };
  }
}

/** An execution once it has finished (neither queued nor running), as the API shows it. */
export async function finishedExecution<T = any>(client: ApiClient, id: string, timeoutMs = 30_000): Promise<T & { status: string }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/v1/executions/${id}`);
    if (!["queued", "running"].includes(res.body.status)) return res.body;
    if (Date.now() > end) throw new Error(`execution ${id} did not finish in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

