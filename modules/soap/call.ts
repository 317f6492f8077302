import { z } from "zod";
import type { ResolvedConnection } from "@/lib/modules/context";
import type { DynamicFields, OptionsContext, OptionsLoader } from "@/lib/modules/define";
import { asBundles } from "@/lib/modules/bundles";
import { InvalidConfigurationError, FieldValidationError } from "@/lib/modules/errors";
import type { CollectionField, FieldSpec } from "@/lib/modules/field-spec";
import { isJsonValue, type Bundle } from "@/lib/modules/json";
import { sectionSchema, toFieldIssues } from "@/lib/modules/validators";
import type { OutputSpec } from "@/lib/scenario/output-spec";
import { callOperation, fieldsForOperation, findOperation, outputSpecForOperation, type OperationDescription, type SoapArgs, type SoapServiceDescription } from "@/lib/soap";
import { toSoapModuleError } from "./errors";
import { guardedPoster, type HeaderPair } from "./poster";
import { loadWsdl, peekWsdl } from "./wsdl-cache";

/**
 * What soap:call and soap:callWithAuth share. The WSDL URL and the operation are static params (they
 * shape the module); the operation's input parts are generated fields under one mapper collection,
 * `input`, so a part name can never collide with the module's own fields (a part called "timeout").
 */
export const INPUT_FIELD = "input";

const NAME_VALUE = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "value", label: "Value", type: "text" },
] as const;

export const soapCallFields = [
  { name: "wsdlUrl", label: "WSDL URL", type: "text", static: true, required: true, help: "Where the service's WSDL 1.1 is, e.g. https://example.com/service?wsdl. Redirects are not followed." },
  { name: "operation", label: "Operation", type: "select", static: true, required: true, dynamicOptions: "operations", help: "The RPC operations the WSDL describes." },
  { name: "endpoint", label: "Endpoint URL", type: "text", help: "Where to send the call. Default: the address in the WSDL." },
  { name: "headers", label: "HTTP headers", type: "array", items: { type: "collection", fields: NAME_VALUE }, help: "Content-Type and SOAPAction are set from the WSDL and cannot be changed here." },
  { name: "timeout", label: "Timeout (seconds)", type: "number", integer: true, min: 1, max: 300, default: 40 },
] as const satisfies readonly FieldSpec[];

const paramsSchema = z.object({
  wsdlUrl: z.string().trim().min(1, "Enter the WSDL URL first."),
  operation: z.string().trim().optional(),
});

type CredentialsOf = (connection: ResolvedConnection | null) => HeaderPair[];

async function readDescription(ctx: OptionsContext, credentialsOf: CredentialsOf): Promise<{ description: SoapServiceDescription; operation: string | undefined }> {
  const parsed = paramsSchema.safeParse(ctx.params);
  if (!parsed.success) throw new InvalidConfigurationError(parsed.error.issues[0]?.message ?? "Enter the WSDL URL first.");
  const description = await loadWsdl(parsed.data.wsdlUrl, { credentials: credentialsOf(ctx.connection), signal: ctx.signal });
  return { description, operation: parsed.data.operation || undefined };
}

function callableOperation(description: SoapServiceDescription, name: string): OperationDescription {
  const operation = findOperation(description, name);
  if (operation === undefined) throw new InvalidConfigurationError(`The WSDL has no operation “${name}”; pick the operation again.`);
  if (operation.style !== "rpc") throw new InvalidConfigurationError(`${name} is a document-style operation; this module calls RPC operations only.`);
  return operation;
}

export function inputField(description: SoapServiceDescription, operation: string): CollectionField {
  callableOperation(description, operation);
  return { name: INPUT_FIELD, label: "Input", type: "collection", fields: fieldsForOperation(description, operation) };
}

/** The operation picker: RPC operations only (lib/soap cannot call document-style ones), with their documentation. */
export function operationOptions(credentialsOf: CredentialsOf): OptionsLoader {
  return async (ctx) => {
    const { description } = await readDescription(ctx, credentialsOf);
    return description.operations
      .filter((op) => op.style === "rpc")
      .map((op) => ({ value: op.name, label: op.documentation ? `${op.name} — ${op.documentation}` : op.name }));
  };
}

/** One collection field, `input`, with a field per input part of the chosen operation. */
export function soapCallDynamicFields(credentialsOf: CredentialsOf): DynamicFields {
  return {
    dependsOn: ["wsdlUrl", "operation"],
    async load(ctx) {
      const { description, operation } = await readDescription(ctx, credentialsOf);
      return operation === undefined ? [] : [inputField(description, operation)];
    },
  };
}

/**
 * The static output declaration: known once some request has read the WSDL in this process (the
 * operation picker and the generated fields both do), unknown (null, no checker warnings) before.
 */
export function soapCallOutput(params: { wsdlUrl: string; operation: string }): OutputSpec {
  const description = peekWsdl(params.wsdlUrl);
  if (description === null) return null;
  const operation = findOperation(description, params.operation);
  return operation === undefined || operation.style !== "rpc" ? null : outputSpecForOperation(description, params.operation);
}

/**
 * The output spec, loading the WSDL when needed: for an editor route that wants the spec without
 * relying on the cache being warm (see docs/proof.md, "soap:call").
 */
export async function loadSoapCallOutput(ctx: OptionsContext, credentialsOf: CredentialsOf): Promise<OutputSpec> {
  const { description, operation } = await readDescription(ctx, credentialsOf);
  if (operation === undefined) return null;
  callableOperation(description, operation);
  return outputSpecForOperation(description, operation);
}

interface CallValues {
  endpoint?: string;
  headers?: ReadonlyArray<{ name: string; value?: string } | null>;
  timeout: number;
}

/** One call: generated fields validated and coerced as the engine does for declared ones, then sent. */
export async function runSoapCall(
  ctx: { params: { wsdlUrl: string; operation: string }; values: CallValues; signal: AbortSignal; connection: ResolvedConnection | null },
  credentialsOf: CredentialsOf,
): Promise<Bundle[]> {
  const credentials = credentialsOf(ctx.connection);
  const description = await loadWsdl(ctx.params.wsdlUrl, { credentials, signal: ctx.signal });
  const field = inputField(description, ctx.params.operation);
  // The engine validated only the declared fields; `input` was kept untouched as an unknown key.
  const raw = (ctx.values as unknown as Record<string, unknown>)[INPUT_FIELD];
  const parsed = sectionSchema([field], "mapper", "run").safeParse({ [INPUT_FIELD]: raw ?? {} });
  if (!parsed.success) throw new FieldValidationError(toFieldIssues([field], parsed.error));
  const args = parsed.data[INPUT_FIELD];
  if (!isJsonValue(args) || args === null || typeof args !== "object" || Array.isArray(args)) {
    throw new FieldValidationError([{ path: INPUT_FIELD, message: "Field “Input” (input) must be a collection of plain values." }]);
  }
  const endpoint = ctx.values.endpoint?.trim() || undefined;
  if (endpoint === undefined && !description.endpoint) throw new InvalidConfigurationError("The WSDL names no endpoint address; fill in “Endpoint URL”.");
  const post = guardedPoster({
    headers: (ctx.values.headers ?? []).flatMap((h) => (h === null ? [] : [[h.name, h.value ?? ""] as const])),
    credentials,
    timeoutMs: ctx.values.timeout * 1000,
  });
  try {
    const result = await callOperation(description, ctx.params.operation, args as SoapArgs, { post, signal: ctx.signal, ...(endpoint === undefined ? {} : { endpoint }) });
    return asBundles(result);
  } catch (error) {
    throw toSoapModuleError(error);
  }
}
