import { afterAll, beforeAll } from "vitest";
import type { SessionCache } from "@/lib/connections/define";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, run } from "@/lib/engine/testing";
import { createMemoryStore, type EngineServices } from "@/lib/engine/services";
import type { ExecutionResult } from "@/lib/engine/types";
import { allowOutbound } from "@/lib/http";
import type { ResolvedConnection } from "@/lib/modules/context";
import { memorySessionCache } from "@/modules/http/session";
import { forgetWsdl } from "@/modules/soap/wsdl-cache";
import { PROOF_SANDBOX_DEMO, startProofSandbox, type ProofSandboxOptions } from "./sandbox";

/**
 * Test support for the Proof connector: a sandbox on 127.0.0.1 per test file (outbound calls to it
 * allowed, stopped afterwards), demo connections with a countable session cache, and one-module runs.
 */
export type StartedSandbox = Awaited<ReturnType<typeof startProofSandbox>>;

export function proofSandboxForFile(options: ProofSandboxOptions = {}): { current: StartedSandbox } {
  const holder = {} as { current: StartedSandbox };
  let disallow: () => void = () => {};
  beforeAll(async () => {
    holder.current = await startProofSandbox(options);
    disallow = allowOutbound(`127.0.0.1:${new URL(holder.current.url).port}`);
  });
  afterAll(async () => {
    disallow();
    forgetWsdl();
    await holder.current?.close();
  });
  return holder;
}

export type CountingCache = SessionCache & { fetches: number };

export interface TestConnection {
  id: string;
  type: string;
  values: Record<string, unknown>;
  session: CountingCache;
}

export function demoConnection(sandbox: StartedSandbox, type: "proof@1" | "proof@2" = "proof@1", overrides: Record<string, unknown> = {}): TestConnection {
  const values =
    type === "proof@1"
      ? { host: sandbox.url, email: PROOF_SANDBOX_DEMO.email, password: PROOF_SANDBOX_DEMO.password }
      : { host: sandbox.url, email: PROOF_SANDBOX_DEMO.email, token: PROOF_SANDBOX_DEMO.authToken };
  return { id: `conn_${type.replace("@", "_")}`, type, values: { ...values, ...overrides }, session: memorySessionCache() };
}

export function resolved(connection: TestConnection): ResolvedConnection {
  // As the app resolves them: only the sensitive values are scrubbed from logs (the e-mail is not).
  const secretFields = connection.type === "proof@2" ? ["token"] : ["password"];
  return { id: connection.id, type: connection.type, values: connection.values, session: connection.session, secretFields };
}

export function servicesFor(connection: TestConnection, extra: Partial<EngineServices> = {}): EngineServices {
  return { connections: async () => resolved(connection), store: createMemoryStore(), ...extra };
}

const manualTrigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };

/** Manual trigger → one Proof module (id 2), run with the connection. */
export function runModule(
  connection: TestConnection,
  module: string,
  version: number,
  mapper: Record<string, unknown>,
  params: Record<string, unknown> = {},
): Promise<ExecutionResult> {
  return run(blueprint([manualTrigger, { id: 2, module, version, connection: connection.id, params, mapper }], [[1, 2]]), { services: servicesFor(connection) });
}

/** A bundle as tests read it: arbitrary Proof JSON (the repo allows `any` in tests; this file only serves them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Out = Record<string, any>;

/** The bundles module 2 emitted, or the run's error as a thrown Error (so a failing call reads well in the test output). */
export function outputOf(result: ExecutionResult, moduleId = 2): Out[] {
  if (result.status !== "success") throw new Error(`run ${result.status}: ${JSON.stringify(result.error)}`);
  return result.log.filter((e) => e.moduleId === moduleId && Array.isArray(e.output)).flatMap((e) => e.output as Out[]);
}
