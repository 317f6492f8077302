import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { blueprintSchema } from "@/lib/scenario/blueprint";
import type { EngineBlueprint } from "./blueprint";
import { checkBlueprintModules } from "./check";
import { resumeScenario } from "./run";
import { createMemoryStore } from "./services";
import { outputsOf, run, testRegistry, trace } from "./testing";
import type { ExecutionResult } from "./types";

/**
 * Golden scenarios (test/fixtures/golden/*.json): a blueprint and its trigger input, with the outcome
 * Fusion's semantics dictate, worked out by hand. `trace` lists operations in order as
 * "<module id> ok <bundles out>" or "<module id> error <handler | unhandled>"; `outputs` lists every
 * bundle a module emitted; `store` is the scenario store after the run. A fixture with `resume`
 * continues its (single) incomplete execution, optionally after patching modules ("the API is fixed").
 */
const json = z.record(z.string(), z.unknown());

const expectationSchema = z.strictObject({
  status: z.enum(["success", "warning", "error", "incomplete"]),
  operations: z.number().int(),
  trace: z.array(z.string()),
  error: z
    .strictObject({ type: z.string(), moduleId: z.number().optional(), message: z.string().optional(), messageContains: z.string().optional() })
    .nullable()
    .optional(),
  outputs: z.record(z.string(), z.array(z.unknown())).optional(),
  store: json.optional(),
  incomplete: z.array(z.strictObject({ moduleId: z.number(), pendingScope: json.optional() })).optional(),
});

const fixtureSchema = z.strictObject({
  description: z.string().min(1),
  blueprint: z.unknown(),
  trigger: z.union([z.strictObject({ bundles: z.array(z.record(z.string(), z.unknown())) }), z.strictObject({ payload: z.unknown() })]).optional(),
  limits: z.strictObject({ maxResults: z.number().optional(), maxOperations: z.number().optional(), maxDurationMs: z.number().optional() }).optional(),
  store: z.record(z.string(), z.json()).optional(),
  connections: z.record(z.string(), z.strictObject({ type: z.string(), values: json })).optional(),
  expect: expectationSchema,
  resume: z
    .strictObject({
      patchModules: z.record(z.string(), z.strictObject({ params: json.optional(), mapper: json.optional() })).optional(),
      expect: expectationSchema,
    })
    .optional(),
});

type Expectation = z.infer<typeof expectationSchema>;

const dir = path.resolve(import.meta.dirname, "../../test/fixtures/golden");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

function check(result: ExecutionResult, expected: Expectation, store: ReturnType<typeof createMemoryStore>) {
  expect(trace(result)).toEqual(expected.trace);
  expect(result.status).toBe(expected.status);
  expect(result.operations).toBe(expected.operations);
  if (expected.error === null) expect(result.error).toBeNull();
  if (expected.error) {
    const { messageContains, ...exact } = expected.error;
    expect(result.error).toMatchObject(exact);
    if (messageContains) expect(result.error?.message).toContain(messageContains);
  }
  for (const [moduleId, bundles] of Object.entries(expected.outputs ?? {})) {
    expect(outputsOf(result, Number(moduleId)), `outputs of module ${moduleId}`).toEqual(bundles);
  }
  if (expected.store) expect(store.snapshot()).toEqual(expected.store);
  if (expected.incomplete) {
    expect(result.incomplete.map((s) => s.moduleId)).toEqual(expected.incomplete.map((s) => s.moduleId));
    expected.incomplete.forEach((s, i) => {
      if (s.pendingScope) expect(result.incomplete[i].pending.scope).toEqual(s.pendingScope);
    });
  } else {
    expect(result.incomplete).toEqual([]);
  }
  for (const entry of result.log) expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThanOrEqual(64 * 1024);
}

describe("golden scenarios", () => {
  it("exist", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    it(file.replace(/\.json$/, ""), async () => {
      const fixture = fixtureSchema.parse(JSON.parse(readFileSync(path.join(dir, file), "utf8")));
      // Fixtures are real blueprints: they pass the document schema and the registry's save-time checks.
      const blueprint: EngineBlueprint = blueprintSchema.parse(fixture.blueprint);
      expect(checkBlueprintModules(blueprint, testRegistry).errors).toEqual([]);

      const store = createMemoryStore(fixture.store);
      const connections = async (id: string) => {
        const found = fixture.connections?.[id];
        if (!found) throw new Error(`no connection ${id}`);
        return { id, ...found };
      };
      const services = { store, connections };
      const result = await run(blueprint, { trigger: fixture.trigger, limits: fixture.limits, services });
      check(result, fixture.expect, store);

      if (fixture.resume) {
        expect(result.incomplete).toHaveLength(1);
        const patched = structuredClone(blueprint);
        for (const [id, patch] of Object.entries(fixture.resume.patchModules ?? {})) {
          Object.assign(patched.modules.find((m) => m.id === Number(id))!, patch);
        }
        const stored = JSON.parse(JSON.stringify(result.incomplete[0]));
        const resumed = await resumeScenario(stored, { blueprint: patched, registry: testRegistry, services });
        check(resumed, fixture.resume.expect, store);
      }
    });
  }
});
