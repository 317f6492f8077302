import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which requests a piece of work makes, without changing the modules that make them: the engine records
 * the requests of each operation for the execution log, and an upgrade's request preview asks a module
 * version to build its request without sending it. Both wrap the work in `withRequestRecorder`; the guarded
 * client reports every request to the innermost recorder before it goes out.
 */
export interface OutgoingRequest {
  method: string;
  /** The full URL, query included, as it would be sent. */
  url: string;
  /** Lower-case names, in the order they are sent (cookies from a jar excluded). */
  headers: Array<[string, string]>;
  /** The body as text (binary bodies summarised), capped. */
  body?: string;
  bodyBytes: number;
}

export interface RequestRecorder {
  record(request: OutgoingRequest): void;
  /** false: the request is built and recorded, then refused with RequestNotSentError instead of sent. */
  send: boolean;
}

/** Thrown by the client, instead of sending, inside a recorder with `send: false`. */
export class RequestNotSentError extends Error {
  constructor(readonly request: OutgoingRequest) {
    super(`Preview only: ${request.method} ${request.url} was built and not sent.`);
    this.name = "RequestNotSentError";
  }
}

// One store per process: Next bundles route handlers apart from the custom server, and the engine of one
// bundle must see the recorder another copy of this module set.
const storeKey = Symbol.for("patchbay.http.recorder");
type GlobalWithRecorder = typeof globalThis & { [storeKey]?: AsyncLocalStorage<RequestRecorder> };
const storage = ((globalThis as GlobalWithRecorder)[storeKey] ??= new AsyncLocalStorage<RequestRecorder>());

export function withRequestRecorder<T>(recorder: RequestRecorder, work: () => T): T {
  return storage.run(recorder, work);
}

export const BODY_PREVIEW_BYTES = 16 * 1024;

/** Reports a request about to go out; throws when the current recorder only previews. */
export function reportRequest(request: { method: string; url: URL; headers: Array<[string, string]>; body: Buffer | undefined }): void {
  const recorder = storage.getStore();
  if (!recorder) return;
  const outgoing: OutgoingRequest = {
    method: request.method,
    url: request.url.href,
    headers: request.headers.map(([n, v]) => [n, v]),
    ...(request.body === undefined ? {} : { body: bodyText(request.body) }),
    bodyBytes: request.body?.byteLength ?? 0,
  };
  recorder.record(outgoing);
  if (!recorder.send) throw new RequestNotSentError(outgoing);
}

function bodyText(body: Buffer): string {
  const head = body.subarray(0, BODY_PREVIEW_BYTES);
  const text = head.toString("utf8");
  // Text that does not survive a round trip is binary (a file upload): describe it rather than garble it.
  if (text.includes("\uFFFD") && !Buffer.from(text, "utf8").equals(head)) return `[binary ${body.byteLength} bytes]`;
  return body.byteLength > BODY_PREVIEW_BYTES ? `${text}… [${body.byteLength - BODY_PREVIEW_BYTES} more bytes]` : text;
}
