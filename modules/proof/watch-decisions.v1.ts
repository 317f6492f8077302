import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";
import { SoapFaultError } from "@/modules/soap/errors";
import { PROOF_API_12_1 } from "./api";
import { proofCall } from "./client";
import { decisionEventOutput } from "./outputs";
import { CALLBACK_EVENTS, callbackFields, callbackParamsSchema, callbackStateSchema } from "./watch-decisions";

/**
 * Watch decisions (instant). Activating the scenario registers its webhook URL with Proof
 * (setProofCallback for the proof and event); deactivating removes it (removeProofCallback). Each
 * callback Proof sends starts a run with one bundle. Stays v1 on the 12.1 API: callbacks are the same
 * on the versioned API.
 */
export default defineModule({
  key: "proof:watchDecisions",
  version: 1,
  kind: "trigger",
  instant: true,
  title: "Watch decisions",
  description: "Starts the scenario when a decision is made on a proof: a reviewer's, a stage's, or the proof's overall decision.",
  connection: "proof@1|proof@2",
  fields: [
    { name: "webhook", label: "Webhook", type: "text", static: true, required: true, help: "The webhook Proof calls (create one under Webhooks). Activating the scenario registers its URL with Proof." },
    { name: "proofId", label: "Proof ID", type: "number", integer: true, min: 1, static: true, required: true, help: "Proof sends callbacks per proof." },
    { name: "event", label: "Event", type: "select", static: true, default: "decisions", options: CALLBACK_EVENTS },
  ],
  output: decisionEventOutput,
  webhookLifecycle: {
    async register(ctx) {
      const params = callbackParamsSchema.parse(ctx.params);
      await proofCall(ctx, PROOF_API_12_1, "setProofCallback", { FileID: params.proofId, Type: params.event, Url: ctx.url });
      return { proofId: params.proofId, type: params.event, url: ctx.url };
    },
    async unregister(ctx) {
      const state = callbackStateSchema.parse(ctx.state);
      try {
        await proofCall(ctx, PROOF_API_12_1, "removeProofCallback", { Type: state.type, FileID: state.proofId });
      } catch (error) {
        // A deleted (or trashed) proof answers 403: its callbacks are gone with it or can no longer be reached; nothing to undo.
        if (error instanceof SoapFaultError && error.faultcode === "403") return;
        throw error;
      }
    },
  },
  run({ trigger, params, log }) {
    if (!trigger.hasPayload) throw new DataError("Watch decisions starts when Workfront Proof calls the webhook; to try it, Run once with a callback as the payload.");
    const event = callbackFields(trigger.payload);
    // A callback for another proof or event (e.g. registered before the module was changed) is not this trigger's.
    if (event.file_id !== params.proofId || (event.type !== undefined && event.type !== (params.event ?? "decisions"))) {
      log.warn("Ignored a callback for another proof or event.", { file_id: event.file_id ?? null, type: event.type ?? null });
      return [];
    }
    return [event];
  },
});
