import { defineModule } from "@/lib/modules/define";

const INDENTS = { none: undefined, "2": 2, "4": 4, tab: "\t" } as const;

export default defineModule({
  key: "json:create",
  version: 1,
  kind: "action",
  title: "Create JSON",
  description: "Serialises a mapped structure (a collection, an array or a single value) as JSON text.",
  fields: [
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
  output: [{ name: "json", label: "JSON", type: "text" }],
  run({ params, values }) {
    return [{ json: JSON.stringify(values.data, null, INDENTS[params.indent]) }];
  },
});
