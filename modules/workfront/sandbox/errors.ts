/**
 * Workfront's error envelope. The classes and HTTP codes per situation are our choice where the
 * reference is silent (Part D); docs/workfront-sandbox.md lists them.
 */

export const ERROR_KINDS = {
  authentication: { cls: "com.attask.common.AuthenticationException", status: 401 },
  security: { cls: "com.attask.common.SecurityException", status: 403 },
  notFound: { cls: "com.attask.common.NotFoundException", status: 404 },
  invalidParameter: { cls: "com.attask.common.InvalidParameterException", status: 400 },
  validation: { cls: "com.attask.common.ValidationException", status: 422 },
  illegalArgument: { cls: "java.lang.IllegalArgumentException", status: 400 },
  unsupported: { cls: "java.lang.UnsupportedOperationException", status: 400 },
  projectStatus: { cls: "com.attask.common.ProjectStatusViolationException", status: 422 },
  removedVersion: { cls: "com.attask.common.UnsupportedVersionException", status: 410 },
  unknownVersion: { cls: "com.attask.common.UnsupportedVersionException", status: 404 },
  tooLarge: { cls: "com.attask.common.InvalidParameterException", status: 413 },
  internal: { cls: "java.lang.RuntimeException", status: 500 },
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

export class WfError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "WfError";
  }

  get status(): number {
    return ERROR_KINDS[this.kind].status;
  }

  get className(): string {
    return ERROR_KINDS[this.kind].cls;
  }
}

export interface ErrorEnvelope {
  error: { class: string; message: string; title: null; msgKey: string; attributes: string[]; code: number };
}

/** The full form from the client fixtures (`removeFailure.json`). */
export function errorEnvelope(error: WfError): ErrorEnvelope {
  return { error: { class: error.className, message: error.message, title: null, msgKey: "exception.attask", attributes: [""], code: 0 } };
}

/** "APIModel V17_0 does not support field statusLabel (Project)": the real wording for an unknown field. */
export function unknownField(version: number, field: string, objectName: string): WfError {
  return new WfError("invalidParameter", `APIModel V${version}_0 does not support field ${field} (${objectName})`);
}

export function notFound(objCode: string, id: string): WfError {
  return new WfError("notFound", `${objCode} with ID ${id} could not be found`);
}
