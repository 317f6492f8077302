import { BodyDecodeError, HttpClientError } from "@/lib/http";
import { clientErrorAsModuleError } from "../../http/errors";
import { ConnectionError, DataError, InvalidConfigurationError, ModuleError } from "@/lib/modules/errors";

/**
 * A refusal from Workfront: its `error` envelope (`{"error":{"class","message",…}}`, which may come with
 * HTTP 200), a subscription-API `{"message"}` body, or an answer that is not Workfront's at all.
 */
export class WorkfrontApiError extends Error {
  constructor(
    /** Workfront's own message, verbatim. */
    readonly remoteMessage: string,
    /** The Java exception class, e.g. `com.attask.common.AuthenticationException`; "" when the body had none. */
    readonly className: string,
    readonly status: number,
    readonly host: string,
  ) {
    super(`Workfront (${host}) refused: ${remoteMessage}${className ? ` [${shortClass(className)}]` : ""}`);
    this.name = "WorkfrontApiError";
  }

  /** Not logged in, session expired, unknown key: the credentials (or the session made from them) are not accepted. */
  get isAuthentication(): boolean {
    return /AuthenticationException$/.test(this.className) || (this.className === "" && this.status === 401);
  }

  get isRemovedVersion(): boolean {
    return /UnsupportedVersionException$/.test(this.className);
  }
}

/** The OAuth2 token endpoint refused or could not be reached. */
export class OAuthTokenError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** RFC 6749 `error` code (invalid_grant, invalid_client…) when the endpoint sent one. */
    readonly oauthError?: string,
    /** The endpoint's own answer, verbatim. */
    readonly remote?: string,
  ) {
    super(message);
    this.name = "OAuthTokenError";
  }
}

/** `com.attask.common.NotFoundException` → `NotFoundException`. */
export function shortClass(className: string): string {
  return className.slice(className.lastIndexOf(".") + 1);
}

/** The API version was removed or never existed: no retry helps; the module must move to a newer version. */
export class RemovedApiVersionError extends InvalidConfigurationError {
  constructor(
    readonly apiVersion: string,
    remoteMessage: string,
  ) {
    super(
      `Workfront no longer serves API version v${apiVersion} (“${remoteMessage}”). ` +
        `Upgrade this module to version 2, which uses a current API version and an API-key or OAuth2 connection.`,
    );
  }
}

/**
 * Workfront's refusals as Fusion error types, so error handlers and retries can tell them apart:
 * credentials → InvalidAccessTokenError; permissions → InvalidConfigurationError; bad input, unknown IDs
 * and fields → DataError; 429 → RateLimitError; server faults and outages → ConnectionError.
 */
export function toModuleError(error: unknown, apiVersion?: string): unknown {
  if (error instanceof ModuleError) return error;
  if (error instanceof WorkfrontApiError) {
    if (error.isRemovedVersion && apiVersion) return new RemovedApiVersionError(apiVersion, error.remoteMessage);
    if (error.isAuthentication) return new ModuleError("InvalidAccessTokenError", `${error.message} Check or re-authorize the connection.`, { cause: error });
    if (/SecurityException$/.test(error.className) || error.status === 403) return new InvalidConfigurationError(error.message, { cause: error });
    if (error.status === 429) return new ModuleError("RateLimitError", error.message, { cause: error });
    if (error.status >= 500 || error.status === 408 || /RuntimeException$/.test(error.className)) return new ConnectionError(error.message, { cause: error });
    return new DataError(error.message, { cause: error });
  }
  if (error instanceof OAuthTokenError) {
    if (error.oauthError === "not_authorized") return new InvalidConfigurationError(error.message, { cause: error });
    if (error.status === undefined || error.status >= 500) return new ConnectionError(error.message, { cause: error });
    return new ModuleError("InvalidAccessTokenError", `${error.message}. Re-authorize the connection.`, { cause: error });
  }
  if (error instanceof HttpClientError) return clientErrorAsModuleError(error);
  if (error instanceof BodyDecodeError) return new DataError(error.message, { cause: error });
  return error;
}
