import { CALLBACK_TYPES } from "../callbacks";
import { faults } from "../faults";
import { callbackView } from "../views";
import { ownProof } from "./access";
import type { SessionHandler } from "./types";

function checkType(type: string): string {
  if (!(CALLBACK_TYPES as readonly string[]).includes(type)) throw faults.invalidParameter("Type", `expected one of ${CALLBACK_TYPES.join(", ")}`);
  return type;
}

export const callbackHandlers: Record<string, SessionHandler> = {
  /** One URL per proof and type ([SILENT]): setting it again replaces the URL. */
  setProofCallback(call) {
    const { args, store } = call;
    const proof = ownProof(call, args.requiredInt("FileID"));
    const type = checkType(args.requiredText("Type"));
    const url = args.requiredText("Url").trim();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw faults.invalidParameter("Url", "expected an absolute http(s) URL");
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw faults.invalidParameter("Url", "expected an absolute http(s) URL");
    const interval = args.int("RetryInterval") ?? 0;
    if (interval < 0) throw faults.invalidParameter("RetryInterval", "must be 0 or more");
    store.callbacks = store.callbacks.filter((c) => !(c.proofId === proof.id && c.type === type));
    const registration = { proofId: proof.id, type, url, interval };
    store.callbacks.push(registration);
    return callbackView(registration, proof);
  },

  getProofCallbacks(call) {
    const proof = ownProof(call, call.args.requiredInt("FileID"));
    return call.store.callbacks.filter((c) => c.proofId === proof.id).map((c) => callbackView(c, proof));
  },

  /** True when a callback was removed, false when there was none of that type. */
  removeProofCallback(call) {
    const proof = ownProof(call, call.args.requiredInt("FileID"));
    const type = checkType(call.args.requiredText("Type"));
    const before = call.store.callbacks.length;
    call.store.callbacks = call.store.callbacks.filter((c) => !(c.proofId === proof.id && c.type === type));
    return call.store.callbacks.length < before;
  },
};
