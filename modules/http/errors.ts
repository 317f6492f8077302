import { BodyDecodeError, HttpClientError, XmlError } from "@/lib/http";
import { ConnectionError, DataError, InvalidConfigurationError, ModuleError } from "@/lib/modules/errors";

/**
 * Client and HTTP-status failures as Fusion error types, so error handlers and retries can tell a bad
 * request from an outage: a refused destination is configuration, a timeout or reset is a connection
 * problem worth retrying, an over-size or unparsable response is data.
 */
export function toModuleError(error: unknown): unknown {
  if (error instanceof ModuleError) return error;
  if (error instanceof HttpClientError) return clientErrorAsModuleError(error);
  if (error instanceof BodyDecodeError || error instanceof XmlError) return new DataError(error.message, { cause: error });
  return error;
}

/** "Evaluate all states as errors": a 4xx/5xx answer as the error type that fits it. */
export function statusError(status: number, statusText: string, host: string, bodyPreview: string): ModuleError {
  const detail = bodyPreview ? `: ${bodyPreview}` : ".";
  const message = `${host} answered ${status}${statusText ? ` ${statusText}` : ""}${detail}`;
  if (status === 401) return new ModuleError("InvalidAccessTokenError", message);
  if (status === 429) return new ModuleError("RateLimitError", message);
  if (status === 408 || status >= 500) return new ConnectionError(message);
  return new DataError(message);
}

/** The guarded client's failures as Fusion error types; shared by every connector built on lib/http. */
export function clientErrorAsModuleError(error: HttpClientError): unknown {
  switch (error.code) {
    case "refused":
    case "invalid-request":
    case "tls":
      return new InvalidConfigurationError(error.message, { cause: error });
    case "too-large":
      return new DataError(error.message, { cause: error });
    case "cancelled":
      return error; // the run is stopping; the engine reports why
    default:
      return new ConnectionError(error.message, { cause: error });
  }
}
