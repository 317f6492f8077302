import { defineModule } from "@/lib/modules/define";
import { aggregate, GROUP_BY_FIELD, SOURCE_MODULE_SPEC, STOP_IF_EMPTY_FIELD } from "./grouping";

type Fn = "sum" | "average" | "count" | "min" | "max";

export default defineModule({
  key: "flow:numericAggregator",
  version: 1,
  kind: "aggregator",
  title: "Numeric aggregator",
  description:
    "Computes a sum, average, count, minimum or maximum over a number per bundle that descends from the source module's current input. Bundles without a value are left out (count counts every bundle).",
  fields: [
    SOURCE_MODULE_SPEC,
    {
      name: "function",
      label: "Function",
      type: "select",
      static: true,
      required: true,
      default: "sum",
      options: [
        { value: "sum", label: "SUM" },
        { value: "average", label: "AVG" },
        { value: "count", label: "COUNT" },
        { value: "min", label: "MIN" },
        { value: "max", label: "MAX" },
      ],
    },
    STOP_IF_EMPTY_FIELD,
    { name: "value", label: "Value", type: "number" },
    GROUP_BY_FIELD,
  ],
  output: [
    { name: "result", label: "Result", type: "number" },
    { name: "key", label: "Group key (with Group by)", type: "text" },
  ],
  run({ params, collected }) {
    const items = collected.map(({ values }) => ({ key: values.groupBy, item: values.value }));
    return aggregate(items, params.stopIfEmpty, (group) => ({ result: compute(params.function, group) }));
  },
});

/** Empty sets: sum 0, count 0, the others null (there is no average of nothing). */
export function compute(fn: Fn, group: ReadonlyArray<number | undefined>): number | null {
  if (fn === "count") return group.length;
  const numbers = group.filter((n): n is number => n !== undefined);
  if (fn === "sum") return numbers.reduce((a, b) => a + b, 0);
  if (numbers.length === 0) return null;
  if (fn === "average") return numbers.reduce((a, b) => a + b, 0) / numbers.length;
  // reduce, not Math.min(...numbers): spreading 100k+ arguments overflows the stack.
  return numbers.reduce((a, b) => (fn === "min" ? Math.min(a, b) : Math.max(a, b)));
}
