import { z } from "zod";
import type { OutputField, OutputSpec } from "@/lib/scenario/output-spec";

/** What the intake stores for a received webhook call; the trigger turns it into a bundle. */
export const webhookPayloadSchema = z.object({
  method: z.string(),
  query: z.record(z.string(), z.unknown()),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

export const expectedFieldTypes = ["text", "number", "boolean", "date", "collection", "array", "any"] as const;

export interface ExpectedField {
  name: string;
  /** Absent in blueprints that kept the default, "text". */
  type?: (typeof expectedFieldTypes)[number];
  required?: boolean;
}

/** The bundle a webhook call becomes: query and body fields side by side (body wins), as in Fusion. */
export function webhookBundle(payload: WebhookPayload, options: { includeHeaders: boolean; includeMethod: boolean }): Record<string, unknown> {
  const body = payload.body;
  const fields = body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : body === undefined || body === "" ? {} : { value: body };
  return {
    ...payload.query,
    ...fields,
    ...(options.includeHeaders ? { __headers: payload.headers } : {}),
    ...(options.includeMethod ? { __method: payload.method } : {}),
  };
}

/** Problems of a bundle against the expected structure, worded for the caller who sent it. */
export function structureProblems(bundle: Record<string, unknown>, expected: readonly ExpectedField[]): string[] {
  const problems: string[] = [];
  for (const stored of expected) {
    const field = withDefaults(stored);
    const value = bundle[field.name];
    if (value === undefined || value === null || value === "") {
      if (field.required) problems.push(`"${field.name}" is required.`);
      continue;
    }
    const ok =
      field.type === "any" ||
      (field.type === "text" && typeof value === "string") ||
      (field.type === "number" && (typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))))) ||
      (field.type === "boolean" && (typeof value === "boolean" || value === "true" || value === "false")) ||
      (field.type === "date" && typeof value === "string" && !Number.isNaN(Date.parse(value))) ||
      (field.type === "collection" && typeof value === "object" && !Array.isArray(value)) ||
      (field.type === "array" && Array.isArray(value));
    if (!ok) problems.push(`"${field.name}" must be ${field.type === "array" || field.type === "any" ? "an" : "a"} ${field.type}.`);
  }
  return problems;
}

export function expectedOutputSpec(expected: readonly ExpectedField[] | undefined): OutputSpec {
  if (!expected || expected.length === 0) return null;
  return expected.map(withDefaults).map((f): OutputField => ({ name: f.name, type: f.type === "any" ? "any" : f.type }));
}

/** A blueprint stores only what was changed from the defaults; the intake reads it raw, so defaults apply here. */
function withDefaults(field: ExpectedField): Required<ExpectedField> {
  return { ...field, type: field.type ?? "text", required: field.required ?? false };
}
