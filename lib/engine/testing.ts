import { createModuleRegistry } from "@/lib/modules/registry";
import { allModules } from "@/modules";
import type { EngineBlueprint, EngineLink, EngineModule } from "./blueprint";
import { runScenario } from "./run";
import { testModules } from "./test-modules";
import type { ExecutionResult, RunInput } from "./types";

/** Test support: the shipped modules plus the test-only ones, and compact blueprints and traces. */
export const testRegistry = createModuleRegistry([...allModules, ...testModules]);

export function blueprint(
  modules: EngineModule[],
  links: Array<[number, number] | EngineLink>,
  settings: EngineBlueprint["settings"] = {},
): EngineBlueprint {
  return {
    schemaVersion: 1,
    modules,
    links: links.map((l) => (Array.isArray(l) ? { from: l[0], to: l[1] } : l)),
    settings,
  };
}

export function run(bp: EngineBlueprint, options: Partial<RunInput> = {}): Promise<ExecutionResult> {
  return runScenario({ blueprint: bp, registry: testRegistry, now: new Date("2026-05-01T12:00:00Z"), ...options });
}

/**
 * The log as one line per operation: "<module id> ok <bundles out>" or "<module id> error <handler>"
 * ("unhandled" when no handler took it). This is the shape golden fixtures spell out by hand.
 */
export function trace(result: ExecutionResult): string[] {
  return result.log.map((e) =>
    e.status === "success"
      ? `${e.moduleId} ok ${Array.isArray(e.output) ? e.output.length : 0}`
      : `${e.moduleId} error ${e.handledBy ?? "unhandled"}`,
  );
}

/** Every bundle a module emitted (or had substituted), in order. */
export function outputsOf(result: ExecutionResult, moduleId: number): unknown[] {
  return result.log.filter((e) => e.moduleId === moduleId && Array.isArray(e.output)).flatMap((e) => e.output as unknown[]);
}
