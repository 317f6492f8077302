import type { IncomingMessage, ServerResponse } from "node:http";
import { createProofSandbox } from "../modules/proof/sandbox";
import { createWorkfrontSandbox } from "../modules/workfront/sandbox";

export interface MountedSandboxes {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The simulated remote APIs, served by the app itself under /sandbox/… (PATCHBAY_SANDBOX=1, the embedded
 * default): connections point at http://<this host>/sandbox/workfront or /sandbox/proof and speak real HTTP.
 */
export function mountSandboxes(): MountedSandboxes {
  const sandboxes = [createWorkfrontSandbox({ basePath: "/sandbox/workfront" }), createProofSandbox({ basePath: "/sandbox/proof" })];
  return {
    async handle(req, res) {
      for (const sandbox of sandboxes) if (await sandbox.handle(req, res)) return true;
      return false;
    },
    async close() {
      await Promise.all(sandboxes.map((s) => s.close()));
    },
  };
}
