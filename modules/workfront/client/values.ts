import { z } from "zod";

/**
 * Connection values as connector code reads them (zod at the boundary: they come decrypted from the
 * connections store). `host` is the tenant's base URL, e.g. `https://acme.my.workfront.com`, or the
 * sandbox's `http://127.0.0.1:3000/sandbox/workfront`.
 */

/** A bare domain gets https://; a pasted API URL is cut back to the part before `/attask`. */
export function normaliseHost(raw: string): string {
  let text = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  const url = new URL(text);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("The host must be an http(s) URL.");
  let path = url.pathname.replace(/\/+$/, "");
  const api = path.search(/\/attask(\/|$)/);
  if (api >= 0) path = path.slice(0, api);
  return `${url.protocol}//${url.host}${path}`;
}

const hostSchema = z
  .string({ error: "The host is missing." })
  .trim()
  .min(1, "The host is missing.")
  .transform((value, ctx) => {
    try {
      return normaliseHost(value);
    } catch {
      ctx.addIssue({ code: "custom", message: `The host “${value}” is not a URL like https://yourdomain.my.workfront.com.` });
      return z.NEVER;
    }
  });

export const passwordValuesSchema = z.object({
  host: hostSchema,
  username: z.string({ error: "The user name is missing." }).min(1, "The user name is missing."),
  password: z.string({ error: "The password is missing." }).min(1, "The password is missing."),
});

export const apiKeyValuesSchema = z.object({
  host: hostSchema,
  apiKey: z.string({ error: "The API key is missing." }).trim().min(1, "The API key is missing."),
});

export const oauth2ValuesSchema = z.object({
  host: hostSchema,
  clientId: z.string({ error: "The client ID is missing." }).min(1, "The client ID is missing."),
  clientSecret: z.string({ error: "The client secret is missing." }).min(1, "The client secret is missing."),
  /** Stored by the connections service after “Authorize”; never typed. */
  refreshToken: z.string().optional(),
});

export type PasswordValues = z.infer<typeof passwordValuesSchema>;
export type ApiKeyValues = z.infer<typeof apiKeyValuesSchema>;
export type OAuth2Values = z.infer<typeof oauth2ValuesSchema>;

export type WorkfrontCredentials =
  | { type: "workfront@1"; values: PasswordValues }
  | { type: "workfront@2"; values: ApiKeyValues }
  | { type: "workfront@3"; values: OAuth2Values };

export class ConnectionValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionValuesError";
  }
}

function parse<T>(schema: z.ZodType<T>, values: Record<string, unknown>): T {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ConnectionValuesError(parsed.error.issues[0]?.message ?? "The connection's values are incomplete.");
  return parsed.data;
}

/** The connection's type and values, checked; throws ConnectionValuesError naming the first problem. */
export function credentialsOf(type: string, values: Record<string, unknown>): WorkfrontCredentials {
  switch (type) {
    case "workfront@1":
      return { type, values: parse(passwordValuesSchema, values) };
    case "workfront@2":
      return { type, values: parse(apiKeyValuesSchema, values) };
    case "workfront@3":
      return { type, values: parse(oauth2ValuesSchema, values) };
    default:
      throw new ConnectionValuesError(`A ${type} connection is not a Workfront connection.`);
  }
}
