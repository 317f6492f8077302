import { defineModule } from "@/lib/modules/define";

export default defineModule({
  key: "flow:increment",
  version: 1,
  kind: "action",
  title: "Increment function",
  description:
    "Returns 1, 2, 3… each time it runs. With reset Never the count carries over between runs of the scenario; with After one run it starts from 1 in every run.",
  fields: [
    {
      name: "reset",
      label: "Reset a value",
      type: "select",
      static: true,
      default: "never",
      options: [
        { value: "never", label: "Never" },
        { value: "afterRun", label: "After one scenario run" },
      ],
    },
  ],
  output: [{ name: "i", label: "i", type: "number" }],
  async run({ params, moduleId, store, runState }) {
    if (params.reset === "never") return [{ i: await store.increment(`flow:increment:${moduleId}`, 1) }];
    const i = ((runState.get("i") as number | undefined) ?? 0) + 1;
    runState.set("i", i);
    return [{ i }];
  },
});
