import { defineModule } from "@/lib/modules/define";

export const MAX_SLEEP_SECONDS = 300;

export default defineModule({
  key: "flow:sleep",
  version: 1,
  kind: "action",
  title: "Sleep",
  description: `Waits before passing the bundle on (at most ${MAX_SLEEP_SECONDS} seconds). A cancelled or timed-out run stops waiting at once.`,
  fields: [
    { name: "delay", label: "Delay (seconds)", type: "number", required: true, min: 0, max: MAX_SLEEP_SECONDS },
  ],
  output: [],
  async run({ values, sleep }) {
    await sleep(values.delay * 1000);
    return [{}];
  },
});
