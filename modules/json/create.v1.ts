import { structureForRun, structureOptions, structurePickerField } from "@/lib/datastores/module-support";
import { RecordValidationError, validateRecord } from "@/lib/datastores/structure";
import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";

const INDENTS = { none: undefined, "2": 2, "4": 4, tab: "\t" } as const;

export default defineModule({
  key: "json:create",
  version: 1,
  kind: "action",
  title: "Create JSON",
  description: "Serialises a mapped structure (a collection, an array or a single value) as JSON text.",
  fields: [
    // "Structure", not "Data structure": beside the "Data" field, two labels starting alike are easy to mix up.
    structurePickerField(
      "Optional: a data structure the data must fit (required fields, types, no other fields); numbers, booleans and dates are normalised and defaults filled before it is serialised.",
      "Structure",
    ),
    {
      name: "indent",
      label: "Indentation",
      type: "select",
      static: true,
      default: "none",
      options: [
        { value: "none", label: "None (compact)" },
        { value: "2", label: "2 spaces" },
        { value: "4", label: "4 spaces" },
        { value: "tab", label: "Tab" },
      ],
    },
    {
      name: "data",
      label: "Data",
      type: "any",
      required: true,
      help: "Write the structure with mapped values inside, e.g. { \"name\": \"{{1.name}}\", \"tags\": \"{{1.tags}}\" }.",
    },
  ],
  options: structureOptions,
  output: [{ name: "json", label: "JSON", type: "text" }],
  async run(ctx) {
    const { params, values } = ctx;
    let data = values.data;
    if (params.structure) {
      const fields = await structureForRun(ctx, params.structure);
      try {
        data = validateRecord(fields, data);
      } catch (e) {
        if (e instanceof RecordValidationError) throw new DataError(`The data does not fit the data structure: ${e.message}`);
        throw e;
      }
    }
    return [{ json: JSON.stringify(data, null, INDENTS[params.indent]) }];
  },
});
