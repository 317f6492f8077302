import { defineModule } from "@/lib/modules/define";
import { isPlainObject } from "@/lib/modules/json";
import { aggregate, GROUP_BY_FIELD, SOURCE_MODULE_SPEC, STOP_IF_EMPTY_FIELD } from "./grouping";

export default defineModule({
  key: "flow:arrayAggregator",
  version: 1,
  kind: "aggregator",
  title: "Array aggregator",
  description:
    "Collects the bundles that descend from the source module's current input into one array. By default each item is the source module's bundle (optionally only some of its fields); map Item to collect something else.",
  fields: [
    SOURCE_MODULE_SPEC,
    {
      name: "fields",
      label: "Aggregated fields",
      type: "array",
      items: { type: "text" },
      static: true,
      help: "Fields of the source module's bundles to keep; empty keeps them all. Ignored when Item is mapped.",
    },
    STOP_IF_EMPTY_FIELD,
    { name: "item", label: "Item", type: "any", help: "What to collect per bundle instead of the source module's bundle." },
    GROUP_BY_FIELD,
  ],
  output: (params) => [
    {
      name: "array",
      label: "Array",
      type: "array",
      ...(params.fields && params.fields.length > 0 ? { spec: params.fields.map((name) => ({ name, type: "any" as const })) } : {}),
    },
    { name: "key", label: "Group key (with Group by)", type: "text" },
  ],
  run({ params, collected }) {
    const keep = params.fields ?? [];
    const items = collected.map(({ values, scope }) => {
      let item = values.item;
      if (item === undefined) {
        const source = scope.get(params.sourceModule);
        item = keep.length > 0 && isPlainObject(source) ? pick(source, keep) : source;
      }
      return { key: values.groupBy, item };
    });
    return aggregate(items, params.stopIfEmpty, (array) => ({ array }));
  },
});

function pick(bundle: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => n in bundle).map((n) => [n, bundle[n]]));
}
