import { EMPTY_DIRECTORY, structureFields, structureOutputSpec } from "@/lib/datastores/directory";
import { structureForRun, structureOptions, structurePickerField } from "@/lib/datastores/module-support";
import { structureMismatch } from "@/lib/datastores/structure";
import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";
import { expectedFieldTypes, expectedOutputSpec, structureProblems, webhookBundle, webhookPayloadSchema, type ExpectedField } from "./payload";

/** Instant trigger: each received call of its webhook URL (/hooks/{token}) starts a run with one bundle. */
export default defineModule({
  key: "webhooks:customWebhook",
  version: 1,
  kind: "trigger",
  instant: true,
  title: "Custom webhook",
  description: "Starts the scenario when its URL receives data: JSON, a form or a query string. Optionally checks the data against an expected structure.",
  fields: [
    { name: "webhook", label: "Webhook", type: "text", static: true, required: true, help: "The webhook this module listens on (create one under Webhooks; its URL is shown there)." },
    structurePickerField(
      "Optional: calls whose data does not fit this data structure (required fields, types) are answered 400 and recorded; its fields can be mapped before a first call.",
    ),
    {
      name: "expected",
      label: "Expected data structure",
      type: "array",
      static: true,
      help: "Optional: calls whose data does not fit are answered 400 and recorded; fields listed here can be mapped before a first call.",
      items: {
        type: "collection",
        fields: [
          { name: "name", label: "Field", type: "text", required: true },
          { name: "type", label: "Type", type: "select", options: expectedFieldTypes.map((t) => ({ value: t, label: t })), default: "text" },
          { name: "required", label: "Required", type: "boolean", default: false },
        ],
      },
    },
    { name: "includeHeaders", label: "Get request headers", type: "boolean", static: true, default: false, help: "Adds the headers as __headers." },
    { name: "includeMethod", label: "Get request method", type: "boolean", static: true, default: false, help: "Adds the HTTP method as __method." },
  ],
  options: structureOptions,
  output: (params, directory = EMPTY_DIRECTORY) => {
    const structure = structureFields(directory, params.structure);
    return structure ? structureOutputSpec(structure) : expectedOutputSpec(params.expected as ExpectedField[] | undefined);
  },
  async run(ctx) {
    const { trigger, params } = ctx;
    if (!trigger.hasPayload) {
      throw new DataError("A custom webhook starts with data sent to its URL; run it by calling the webhook, or give a payload to Run once.");
    }
    const parsed = webhookPayloadSchema.safeParse(trigger.payload);
    // "Run once" with a hand-written payload: treat it as the JSON body of a POST.
    const payload = parsed.success ? parsed.data : { method: "POST", query: {}, headers: {}, body: trigger.payload };
    const bundle = webhookBundle(payload, { includeHeaders: params.includeHeaders === true, includeMethod: params.includeMethod === true });
    const problems = structureProblems(bundle, (params.expected ?? []) as ExpectedField[]);
    if (problems.length > 0) throw new DataError(`The webhook data does not fit the expected structure: ${problems.join(" ")}`);
    if (params.structure) {
      const mismatch = structureMismatch(await structureForRun(ctx, params.structure), bundle);
      if (mismatch) throw new DataError(`The webhook data does not fit the data structure: ${mismatch.message}`);
    }
    return [bundle];
  },
});
