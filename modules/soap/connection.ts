import { z } from "zod";
import { ConnectionTestError, defineConnectionType, type ConnectionContext } from "@/lib/connections/define";
import type { ResolvedConnection } from "@/lib/modules/context";
import { InvalidConfigurationError, ModuleError } from "@/lib/modules/errors";
import type { HeaderPair } from "./poster";
import { loadWsdl } from "./wsdl-cache";

/**
 * Credentials for soap:callWithAuth, as connections so the secret is sealed at rest and never sits in a
 * blueprint: `soap-basic@1` (HTTP Basic) and `soap-header@1` (one HTTP header, e.g. an API key or a
 * bearer token). Both are sent on the WSDL fetch and on every call.
 */

const verifyWsdlField = {
  name: "wsdlUrl",
  label: "WSDL URL for “Test”",
  type: "text",
  static: true,
  help: "Optional: “Test” reads this WSDL with the credentials. Without it they are checked on first use.",
} as const;

export const soapBasicValuesSchema = z.object({
  username: z.string().min(1, "The user name is missing."),
  password: z.string().default(""),
  wsdlUrl: z.string().optional(),
});

export const soapHeaderValuesSchema = z.object({
  headerName: z
    .string()
    .trim()
    .min(1, "The header name is missing.")
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "The header name is not a valid HTTP header name."),
  headerValue: z.string().min(1, "The header value is missing."),
  wsdlUrl: z.string().optional(),
});

export const soapBasicV1 = defineConnectionType({
  key: "soap-basic",
  version: 1,
  app: "soap",
  title: "SOAP: HTTP Basic auth",
  description: "A user name and password sent as Authorization: Basic on the WSDL fetch and on every call.",
  fields: [
    { name: "username", label: "User name", type: "text", static: true, required: true },
    { name: "password", label: "Password", type: "text", static: true, required: true, sensitive: true },
    verifyWsdlField,
  ],
  verify: (ctx) => verifyWith(ctx, soapBasicValuesSchema, basicHeaders),
});

export const soapHeaderV1 = defineConnectionType({
  key: "soap-header",
  version: 1,
  app: "soap",
  title: "SOAP: credential header",
  description: "One HTTP header (an API key, a bearer token) sent on the WSDL fetch and on every call.",
  fields: [
    { name: "headerName", label: "Header name", type: "text", static: true, required: true, default: "Authorization", help: "e.g. Authorization, X-API-Key" },
    { name: "headerValue", label: "Header value", type: "text", static: true, required: true, sensitive: true, help: "e.g. Bearer eyJ…" },
    verifyWsdlField,
  ],
  verify: (ctx) => verifyWith(ctx, soapHeaderValuesSchema, (values) => [[values.headerName, values.headerValue]]),
});

export const connectionTypes = [soapBasicV1, soapHeaderV1] as const;

function basicHeaders(values: z.infer<typeof soapBasicValuesSchema>): HeaderPair[] {
  return [["authorization", `Basic ${Buffer.from(`${values.username}:${values.password}`, "utf8").toString("base64")}`]];
}

/** The headers a resolved connection adds; a problem names the field, never its value. */
export function soapCredentials(connection: ResolvedConnection | null): HeaderPair[] {
  if (connection === null) return [];
  if (connection.type === soapBasicV1.id) return basicHeaders(parseValues(connection, soapBasicValuesSchema));
  if (connection.type === soapHeaderV1.id) {
    const values = parseValues(connection, soapHeaderValuesSchema);
    return [[values.headerName, values.headerValue]];
  }
  throw new InvalidConfigurationError(`Connection ${connection.id} is a ${connection.type} connection; SOAP needs soap-basic@1 or soap-header@1.`);
}

function parseValues<T>(connection: ResolvedConnection, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(connection.values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
  throw new InvalidConfigurationError(`Connection ${connection.id} is incomplete${where}: ${issue?.message ?? "invalid values"}. Edit the connection.`);
}

async function verifyWith<T extends { wsdlUrl?: string }>(ctx: ConnectionContext, schema: z.ZodType<T>, headers: (values: T) => HeaderPair[]): Promise<{ message: string }> {
  const parsed = schema.safeParse(ctx.values);
  if (!parsed.success) throw new ConnectionTestError(parsed.error.issues[0]?.message ?? "The connection's values are incomplete.");
  const values = parsed.data;
  if (!values.wsdlUrl) return { message: "Saved. No WSDL URL is set for “Test”, so the credentials are checked on first use." };
  try {
    const description = await loadWsdl(values.wsdlUrl, { credentials: headers(values), signal: ctx.signal, fresh: true });
    return { message: `Read the WSDL of ${description.service} at ${new URL(values.wsdlUrl).host}: ${description.operations.length} operations.` };
  } catch (error) {
    if (error instanceof ModuleError) throw new ConnectionTestError(error.message);
    throw error;
  }
}
