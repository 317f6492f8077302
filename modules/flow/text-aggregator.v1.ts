import { defineModule } from "@/lib/modules/define";
import { aggregate, GROUP_BY_FIELD, SOURCE_MODULE_SPEC, STOP_IF_EMPTY_FIELD } from "./grouping";

const SEPARATORS = { none: "", newline: "\n", tab: "\t" } as const;

export default defineModule({
  key: "flow:textAggregator",
  version: 1,
  kind: "aggregator",
  title: "Text aggregator",
  description: "Joins a text per bundle that descends from the source module's current input into one text.",
  fields: [
    SOURCE_MODULE_SPEC,
    {
      name: "rowSeparator",
      label: "Row separator",
      type: "select",
      static: true,
      default: "none",
      options: [
        { value: "none", label: "Empty" },
        { value: "newline", label: "New row" },
        { value: "tab", label: "Tab" },
        { value: "other", label: "Other" },
      ],
    },
    { name: "separator", label: "Separator", type: "text", static: true, help: "Used when Row separator is Other." },
    STOP_IF_EMPTY_FIELD,
    { name: "text", label: "Text", type: "text", multiline: true, help: "The text each bundle contributes." },
    GROUP_BY_FIELD,
  ],
  output: [
    { name: "text", label: "Text", type: "text" },
    { name: "key", label: "Group key (with Group by)", type: "text" },
  ],
  run({ params, collected }) {
    const separator = params.rowSeparator === "other" ? (params.separator ?? "") : SEPARATORS[params.rowSeparator];
    const items = collected.map(({ values }) => ({ key: values.groupBy, item: values.text ?? "" }));
    return aggregate(items, params.stopIfEmpty, (texts) => ({ text: texts.join(separator) }));
  },
});
