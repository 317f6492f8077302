import { asBundles } from "@/lib/modules/bundles";
import { defineModule } from "@/lib/modules/define";
import { inferOutputSpec } from "@/lib/modules/describe";

/** "Run once": emits the payload given with the run, or the configured sample when none is given. */
export default defineModule({
  key: "flow:manualTrigger",
  version: 1,
  kind: "trigger",
  title: "Run on demand",
  description:
    "Starts the scenario when someone runs it, with the payload they give, or the sample payload below. A collection gives one bundle; an array gives one bundle per item.",
  fields: [
    {
      name: "sample",
      label: "Sample payload",
      type: "any",
      static: true,
      help: "Used when a run is started without a payload; also tells later modules which fields to expect.",
    },
  ],
  output: (params) => {
    if (params.sample === undefined) return null;
    const first = Array.isArray(params.sample) ? params.sample[0] : params.sample;
    return first === undefined ? null : inferOutputSpec(first);
  },
  run({ trigger, params }) {
    const payload = trigger.hasPayload ? trigger.payload : params.sample;
    // Nothing to emit still runs the scenario once, with an empty bundle.
    return payload === undefined ? [{}] : asBundles(payload);
  },
});
