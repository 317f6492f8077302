import type { SoapValue } from "./values";

/** Base of every error lib/soap throws on purpose, so callers can tell ours from bugs. */
export class SoapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A SOAP 1.1 `<Fault>` answered by the service. `faultcode` is kept as sent ("305", "SOAP-ENV:Server"). */
export class SoapFault extends SoapError {
  readonly faultcode: string;
  readonly faultstring: string;
  readonly faultactor: string | undefined;
  readonly detail: SoapValue | undefined;
  /** The HTTP status the fault came with, when it came over HTTP. */
  readonly httpStatus: number | undefined;

  constructor(fault: { faultcode: string; faultstring: string; faultactor?: string; detail?: SoapValue; httpStatus?: number }) {
    super(`SOAP fault ${fault.faultcode}: ${fault.faultstring}`);
    this.faultcode = fault.faultcode;
    this.faultstring = fault.faultstring;
    this.faultactor = fault.faultactor;
    this.detail = fault.detail;
    this.httpStatus = fault.httpStatus;
  }
}

/** Text that is not well-formed XML, or XML we refuse (a DTD, an undeclared entity or prefix). */
export class XmlParseError extends SoapError {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, position?: { line?: number; column?: number }) {
    super(position?.line === undefined ? message : `${message} (line ${position.line}${position.column === undefined ? "" : `, column ${position.column}`})`);
    this.line = position?.line;
    this.column = position?.column;
  }
}

/** Well-formed XML that is not the SOAP message expected (no Envelope, no Body, an empty Body). */
export class SoapProtocolError extends SoapError {}

/** An HTTP answer that is neither a SOAP response nor a SOAP fault (a 404 page, a proxy's 502). */
export class SoapHttpError extends SoapError {
  readonly status: number;
  /** The first characters of the body, to show a person what came back. */
  readonly bodySnippet: string;

  constructor(status: number, body: string) {
    super(`The SOAP endpoint answered HTTP ${status} without a SOAP fault`);
    this.status = status;
    this.bodySnippet = body.slice(0, 500);
  }
}

/** A WSDL we cannot read: not WSDL 1.1, or a reference to something it does not define. */
export class WsdlError extends SoapError {}

/** The caller's mistake: an operation the description lacks, or an argument that does not fit its type. */
export class SoapArgumentError extends SoapError {
  /** Where in the arguments, e.g. "Recipients[2].email"; empty for the call itself. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(path === "" ? message : `${path}: ${message}`);
    this.path = path;
  }
}
