import { z } from "zod";
import { DataError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import { parseXml, XmlParseError, type XmlElement } from "@/lib/soap";

/**
 * Proof callbacks (setProofCallback, reference B5) as bundles. Proof POSTs XML
 * `<callback><type>…</type><file_id>…</file_id>…</callback>` (the sandbox's format; the reference is
 * [SILENT] on it) to the scenario's webhook, whose intake keeps a non-JSON body as text.
 */
export const CALLBACK_EVENTS = [
  { value: "decisions", label: "A reviewer's decision changes" },
  { value: "overall_decision", label: "The proof's overall decision changes" },
  { value: "stage_decision", label: "A workflow stage's decision changes" },
] as const;

export const callbackParamsSchema = z.object({
  proofId: z.coerce.number().int().positive(),
  event: z.enum(["decisions", "overall_decision", "stage_decision"]).default("decisions"),
});

export const callbackStateSchema = z.object({ proofId: z.number().int(), type: z.string().min(1), url: z.string() });

/** The shape the webhook intake stores (as webhooks:customWebhook reads it). */
const deliverySchema = z.object({
  method: z.string(),
  query: z.record(z.string(), z.unknown()),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});

const NUMERIC = new Set(["file_id", "reviewer_id", "decision_id", "stage_id", "comment_id"]);

/**
 * The callback's fields from a delivered payload (XML text), or from a hand-written "Run once" payload
 * (the fields as an object, or the XML itself).
 */
export function callbackFields(payload: unknown): Bundle {
  const delivery = deliverySchema.safeParse(payload);
  const body = delivery.success ? delivery.data.body : payload;
  if (typeof body === "string") return fromXml(body);
  if (body !== null && typeof body === "object" && !Array.isArray(body)) return typed(body as Record<string, unknown>);
  throw new DataError("The callback carried no data: Workfront Proof sends an XML <callback> document.");
}

function fromXml(text: string): Bundle {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlParseError) throw new DataError(`The callback is not readable XML: ${error.message}`);
    throw error;
  }
  if (root.localName !== "callback") throw new DataError(`The callback's XML has <${root.localName}> where <callback> was expected.`);
  const fields: Record<string, unknown> = {};
  for (const child of root.children) {
    if (!("localName" in child)) continue;
    fields[child.localName] = child.children.map((node) => ("text" in node ? node.text : "")).join("");
  }
  return typed(fields);
}

/** Ids as numbers (as every other Proof module outputs them); everything else as text. */
function typed(fields: Record<string, unknown>): Bundle {
  const out: Bundle = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === "__proto__") continue;
    out[name] = NUMERIC.has(name) && typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}
