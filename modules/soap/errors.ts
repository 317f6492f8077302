import { HttpClientError, preview } from "@/lib/http";
import { clientErrorAsModuleError } from "../http/errors";
import { ConnectionError, DataError, InvalidConfigurationError, ModuleError, type ModuleErrorType } from "@/lib/modules/errors";
import { SoapArgumentError, SoapFault, SoapHttpError, SoapProtocolError, WsdlError, XmlParseError, type SoapValue } from "@/lib/soap";

/**
 * A SOAP fault as a module error. The run log keeps only the type and the message, so the message
 * carries both the faultcode and the faultstring; code that catches the error reads them as fields.
 */
export class SoapFaultError extends ModuleError {
  readonly faultcode: string;
  readonly faultstring: string;
  readonly detail: SoapValue | undefined;

  constructor(type: ModuleErrorType, fault: SoapFault, message = `SOAP fault ${fault.faultcode}: ${fault.faultstring}`) {
    super(type, message, { cause: fault });
    this.faultcode = fault.faultcode;
    this.faultstring = fault.faultstring;
    this.detail = fault.detail;
  }
}

/**
 * SOAP 1.1 §4.4.1 fault classes as error types: Client means the message was wrong (retrying the same
 * input fails again), Server means the service failed to process it (later may work). Codes outside
 * the standard classes (services use their own, e.g. Proof's "403") count as data problems.
 */
export function faultType(faultcode: string): ModuleErrorType {
  const local = faultcode.includes(":") ? faultcode.slice(faultcode.lastIndexOf(":") + 1) : faultcode;
  const head = local.split(".")[0];
  if (head === "Server") return "ConnectionError";
  if (head === "VersionMismatch" || head === "MustUnderstand") return "InvalidConfigurationError";
  return "DataError";
}

/**
 * Anything a SOAP exchange can throw, as the module error type that fits it, so error handlers and
 * retries can tell a bad argument from an outage. `service` names the remote side in messages.
 */
export function toSoapModuleError(error: unknown, service = "The SOAP service"): unknown {
  if (error instanceof ModuleError) return error;
  if (error instanceof SoapFault) return new SoapFaultError(faultType(error.faultcode), error);
  if (error instanceof SoapArgumentError) return new DataError(error.message, { cause: error });
  if (error instanceof SoapHttpError) {
    const snippet = preview(error.bodySnippet, 200);
    const message = `${service} answered HTTP ${error.status} without a SOAP fault${snippet ? `: ${snippet}` : "."}`;
    if (error.status === 401 || error.status === 403) return new ModuleError("InvalidAccessTokenError", message, { cause: error });
    if (error.status === 429) return new ModuleError("RateLimitError", message, { cause: error });
    if (error.status === 408 || error.status >= 500) return new ConnectionError(message, { cause: error });
    if (error.status === 404 || (error.status >= 300 && error.status < 400)) return new InvalidConfigurationError(message, { cause: error });
    return new DataError(message, { cause: error });
  }
  if (error instanceof SoapProtocolError || error instanceof XmlParseError) {
    return new DataError(`${service} answered something that is not a SOAP response: ${error.message}`, { cause: error });
  }
  if (error instanceof WsdlError) return new InvalidConfigurationError(error.message, { cause: error });
  if (error instanceof HttpClientError) return clientErrorAsModuleError(error);
  return error;
}
