import { defineModule } from "@/lib/modules/define";

export const MAX_REPEATS = 10_000;

export default defineModule({
  key: "flow:repeater",
  version: 1,
  kind: "iterator",
  title: "Repeater",
  description: "Emits Repeats bundles, each with a counter i: Initial value, then Initial value + Step, and so on.",
  fields: [
    { name: "initial", label: "Initial value", type: "number", default: 1 },
    { name: "repeats", label: "Repeats", type: "number", required: true, integer: true, min: 0, max: MAX_REPEATS },
    { name: "step", label: "Step", type: "number", default: 1 },
  ],
  output: [{ name: "i", label: "i", type: "number" }],
  run({ values }) {
    return Array.from({ length: values.repeats }, (_, n) => ({ i: values.initial + n * values.step }));
  },
});
