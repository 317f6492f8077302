import { asBundle } from "@/lib/modules/bundles";
import { defineModule } from "@/lib/modules/define";

/** Fusion's __IMTINDEX__ / __IMTLENGTH__: position (from 1) and count, next to the item's own fields. */
export const INDEX_FIELD = "__index";
export const TOTAL_FIELD = "__total";

export default defineModule({
  key: "flow:iterator",
  version: 1,
  kind: "iterator",
  title: "Iterator",
  description:
    "Emits one bundle per item of an array. Items that are collections keep their fields; other items come out as `value`. Each bundle also carries __index (from 1) and __total.",
  fields: [
    {
      name: "array",
      label: "Array",
      type: "array",
      items: { type: "any" },
      help: "Map an array from an earlier module. A missing or empty array emits nothing.",
    },
  ],
  // The items' shape depends on what is mapped, so it is not known statically.
  output: null,
  run({ values }) {
    const items = values.array ?? [];
    return items.map((item, i) => ({ ...asBundle(item), [INDEX_FIELD]: i + 1, [TOTAL_FIELD]: items.length }));
  },
});
