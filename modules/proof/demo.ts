import { PROOF_SANDBOX_DEMO } from "./sandbox/demo";
import { proofV1 } from "./connection";

export interface ProofDemoConnection {
  name: string;
  type: string;
  values: Record<string, string>;
}

/**
 * For the app's first start with sandboxes on: a proof@1 connection to the app's own Proof sandbox
 * (served under {origin}/sandbox/proof) with the sandbox's demo account. `origin` is the app's own
 * origin, e.g. "http://127.0.0.1:3000" (the app must allow outbound calls to it; docs/http.md).
 */
export function proofDemo(origin: string): { connections: ProofDemoConnection[] } {
  return {
    connections: [
      {
        name: "Workfront Proof sandbox (demo)",
        type: proofV1.id,
        values: { host: `${origin.replace(/\/+$/, "")}/sandbox/proof`, email: PROOF_SANDBOX_DEMO.email, password: PROOF_SANDBOX_DEMO.password },
      },
    ],
  };
}
