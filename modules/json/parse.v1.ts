import { asBundles } from "@/lib/modules/bundles";
import { EMPTY_DIRECTORY, structureFields, structureOutputSpec } from "@/lib/datastores/directory";
import { structureOptions, structurePickerField } from "@/lib/datastores/module-support";
import { defineModule } from "@/lib/modules/define";
import { inferOutputSpec } from "@/lib/modules/describe";
import { DataError } from "@/lib/modules/errors";

export default defineModule({
  key: "json:parse",
  version: 1,
  kind: "action",
  title: "Parse JSON",
  description:
    "Turns JSON text into data. A collection gives one bundle; a top-level array gives one bundle per item (items that are not collections come out as `value`).",
  fields: [
    structurePickerField("Optional: the shape of the parsed data (each item's, for a top-level array), so later modules can map its fields. Wins over the sample."),
    {
      name: "sample",
      label: "Sample JSON",
      type: "text",
      multiline: true,
      static: true,
      help: "Optional: a sample of the JSON, so later modules can map its fields before a first run.",
    },
    { name: "json", label: "JSON string", type: "text", multiline: true, required: true },
  ],
  options: structureOptions,
  output: (params, directory = EMPTY_DIRECTORY) => {
    const structure = structureFields(directory, params.structure);
    if (structure) return structureOutputSpec(structure);
    if (params.sample === undefined) return null;
    try {
      const sample: unknown = JSON.parse(params.sample);
      return inferOutputSpec(Array.isArray(sample) ? sample[0] : sample);
    } catch {
      return null;
    }
  },
  run({ values }) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(values.json);
    } catch (error) {
      const preview = values.json.length > 60 ? `${values.json.slice(0, 60)}…` : values.json;
      throw new DataError(`The JSON string is not valid JSON (${(error as Error).message}): ${preview}`);
    }
    return asBundles(parsed);
  },
});
