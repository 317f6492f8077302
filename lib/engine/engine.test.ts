import { describe, expect, it } from "vitest";
import type { Blueprint } from "@/lib/scenario/blueprint";
import type { EngineBlueprint } from "./blueprint";
import { REDACTED } from "./redact";
import { createMemoryStore } from "./services";
import { blueprint, outputsOf, run, trace } from "./testing";
import type { EngineEvent } from "./types";

const trigger = (sample?: unknown) => ({ id: 1, module: "flow:manualTrigger", version: 1, params: sample === undefined ? {} : { sample } });
const compose = (id: number, text: string) => ({ id, module: "flow:composeText", version: 1, mapper: { text } });

// The lead's zod-derived Blueprint must be accepted by the engine as is.
const acceptsLeadBlueprint = (b: Blueprint): EngineBlueprint => b;
void acceptsLeadBlueprint;

describe("walking the scenario", () => {
  it("sends bundles depth-first, one at a time, in order", async () => {
    const result = await run(
      blueprint(
        [trigger(), { id: 2, module: "flow:iterator", version: 1, mapper: { array: "{{1.list}}" } }, compose(3, "{{1.name}}/{{2.value}}")],
        [[1, 2], [2, 3]],
      ),
      { trigger: { payload: [{ name: "a", list: [1, 2] }, { name: "b", list: [3] }] } },
    );
    expect(trace(result)).toEqual(["1 ok 2", "2 ok 2", "3 ok 1", "3 ok 1", "2 ok 1", "3 ok 1"]);
    expect(outputsOf(result, 3)).toEqual([{ text: "a/1" }, { text: "a/2" }, { text: "b/3" }]);
    expect(result.log.filter((e) => e.moduleId === 3).map((e) => e.bundleIndex)).toEqual([1, 2, 3]);
    expect(result.status).toBe("success");
    expect(result.operations).toBe(6);
  });

  it("counts the trigger once even when it emits nothing, and nothing else runs", async () => {
    const result = await run(blueprint([trigger(), compose(2, "x")], [[1, 2]]), { trigger: { payload: [] } });
    expect(trace(result)).toEqual(["1 ok 0"]);
    expect(result.operations).toBe(1);
  });

  it("does not count routers, filtered-out bundles or failed operations", async () => {
    const result = await run(
      blueprint(
        [
          trigger(),
          { id: 2, module: "flow:router", version: 1 },
          compose(3, "kept"),
          { id: 4, module: "test:maybeFail", version: 1, mapper: { fail: true }, onError: { directive: "ignore" } },
        ],
        [
          [1, 2],
          { from: 2, to: 3, filter: { conditions: [[{ a: "{{1.keep}}", op: "boolean:equal", b: "true" }]] } },
          [2, 4],
        ],
      ),
      { trigger: { payload: [{ keep: true }, { keep: false }] } },
    );
    expect(trace(result)).toEqual(["1 ok 2", "3 ok 1", "4 error ignore", "4 error ignore"]);
    expect(result.operations).toBe(2);
    expect(result.status).toBe("warning");
  });

  it("runs a first module that is not a trigger once, as Make does", async () => {
    const result = await run(blueprint([compose(5, "hello"), compose(6, "{{5.text}}!")], [[5, 6]]));
    expect(trace(result)).toEqual(["5 ok 1", "6 ok 1"]);
    expect(outputsOf(result, 6)).toEqual([{ text: "hello!" }]);
  });

  it("takes trigger bundles delivered with the run (a webhook) as one operation", async () => {
    const result = await run(blueprint([trigger(), compose(2, "{{1.id}}")], [[1, 2]]), { trigger: { bundles: [{ id: 7 }, { id: 8 }] } });
    expect(trace(result)).toEqual(["1 ok 2", "2 ok 1", "2 ok 1"]);
    expect(result.operations).toBe(3);
  });

  it("lets variables set on one route be read on the next", async () => {
    const result = await run(
      blueprint(
        [
          trigger(),
          { id: 2, module: "flow:router", version: 1 },
          { id: 3, module: "flow:setVariable", version: 1, params: { name: "greeting" }, mapper: { value: "hi {{1.who}}" } },
          compose(4, "{{greeting}}"),
        ],
        [[1, 2], [2, 3], [2, 4]],
      ),
      { trigger: { payload: { who: "Ann" } } },
    );
    expect(outputsOf(result, 4)).toEqual([{ text: "hi Ann" }]);
  });

  it("refuses to start a blueprint the engine cannot walk, and runs nothing", async () => {
    const unknown = await run(blueprint([trigger(), { id: 2, module: "flow:composeText", version: 9 }], [[1, 2]]));
    expect(unknown.status).toBe("error");
    expect(unknown.error).toMatchObject({ type: "BlueprintError", message: "Module 2 uses flow:composeText@9, which does not exist." });
    expect(unknown.log).toEqual([]);

    const misplaced = await run(
      blueprint(
        [trigger(), compose(2, "a"), { id: 3, module: "flow:arrayAggregator", version: 1, params: { sourceModule: 4 } }, compose(4, "b")],
        [[1, 2], [2, 3], [3, 4]],
      ),
    );
    expect(misplaced.error?.message).toBe("Aggregator 3's source module (4) must be a module before it on the same route.");
    expect(misplaced.operations).toBe(0);
  });

  it("reports a filter that cannot be evaluated as the run's error, naming the link", async () => {
    const result = await run(
      blueprint([trigger(), compose(2, "x")], [{ from: 1, to: 2, filter: { label: "Big ones", conditions: [[{ a: "{{1.n}}", op: "text:pattern", b: "[" }]] } }]),
      { trigger: { payload: { n: 1 } } },
    );
    expect(result.status).toBe("error");
    expect(result.error).toMatchObject({ type: "FilterError", moduleId: 2 });
    expect(result.error?.message).toMatch(/^The filter “Big ones” on the link 1 → 2 could not be evaluated: /);
  });

  it("turns a mapping failure into a DataError of the module, which its handler can take", async () => {
    const bp = blueprint([trigger(), compose(2, "{{parseDate(1.when; \"YYYY-MM-DD\")}}")], [[1, 2]]);
    const unhandled = await run(bp, { trigger: { payload: { when: "soon" } } });
    expect(unhandled.error).toMatchObject({ type: "DataError", moduleId: 2 });
    expect(unhandled.error?.message).toMatch(/^Mapping failed in field text: /);

    bp.modules[1].onError = { directive: "ignore" };
    expect((await run(bp, { trigger: { payload: { when: "soon" } } })).status).toBe("warning");
  });

  it("names the missing required field when a mapped value comes out empty", async () => {
    const result = await run(blueprint([trigger(), { id: 2, module: "json:parse", version: 1, mapper: { json: "{{1.body}}" } }], [[1, 2]]), {
      trigger: { payload: { other: 1 } },
    });
    expect(result.error).toEqual({
      type: "DataError",
      moduleId: 2,
      message: "Field “JSON string” (json) is required.",
      issues: [{ path: "json", message: "Field “JSON string” (json) is required." }],
    });
    expect(result.log[1].input).toEqual({});
  });
});

describe("limits", () => {
  const repeat = (n: number) => blueprint([trigger(), { id: 2, module: "flow:repeater", version: 1, mapper: { repeats: n } }, compose(3, "{{2.i}}")], [[1, 2], [2, 3]]);

  it("stops at the maximum number of operations with an error saying which limit", async () => {
    const result = await run(repeat(10), { limits: { maxOperations: 5 } });
    expect(result.status).toBe("error");
    expect(result.operations).toBe(5);
    expect(result.error).toEqual({
      type: "LimitExceeded",
      message: "The run reached its limit of 5 operations (maximum operations per run).",
    });
    expect(trace(result)).toEqual(["1 ok 1", "2 ok 10", "3 ok 1", "3 ok 1", "3 ok 1"]);
  });

  it("takes the operations limit from the scenario settings when the caller sets none", async () => {
    const bp = repeat(10);
    bp.settings = { maxOperationsPerRun: 3 };
    expect((await run(bp)).operations).toBe(3);
  });

  it("refuses more trigger bundles than the maximum results per run, before processing any", async () => {
    const result = await run(blueprint([trigger(), compose(2, "x")], [[1, 2]], { maxResultsPerRun: 2 }), { trigger: { bundles: [{}, {}, {}] } });
    expect(result.status).toBe("error");
    expect(result.error?.message).toBe("The trigger produced 3 bundles; a run takes at most 2 (maximum results per run).");
    expect(trace(result)).toEqual(["1 ok 3"]);
  });

  it("stops a module that is still working when the run runs out of time", async () => {
    const bp = blueprint([trigger(), { id: 2, module: "flow:sleep", version: 1, mapper: { delay: 30 } }, compose(3, "late")], [[1, 2], [2, 3]]);
    const started = Date.now();
    const result = await run(bp, { limits: { maxDurationMs: 50 } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.status).toBe("error");
    expect(result.error).toEqual({ type: "LimitExceeded", message: "The run reached its time limit of 50 ms (maximum run duration)." });
    expect(trace(result)).toEqual(["1 ok 1", "2 error unhandled"]);
    expect(result.log[1].error).toMatchObject({ type: "LimitExceeded", moduleId: 2 });
  });

  it("checks the time between operations too", async () => {
    let now = 0;
    const clock = () => (now += 400);
    const result = await run(repeat(5), { limits: { maxDurationMs: 2000 }, services: { clock } });
    expect(result.error).toEqual({ type: "LimitExceeded", message: "The run reached its time limit of 2 s (maximum run duration)." });
    expect(result.operations).toBeLessThan(7);
  });

  it("stops when the caller cancels, and the module's error handler does not hide it", async () => {
    const controller = new AbortController();
    const bp = blueprint(
      [trigger(), { id: 2, module: "flow:sleep", version: 1, mapper: { delay: 30 }, onError: { directive: "ignore" } }],
      [[1, 2]],
    );
    setTimeout(() => controller.abort(), 20);
    const result = await run(bp, { signal: controller.signal });
    expect(result.status).toBe("error");
    expect(result.error).toEqual({ type: "Cancelled", message: "The run was cancelled." });
  });
});

describe("break and resume", () => {
  const scenario = (fail: unknown) =>
    blueprint(
      [
        trigger(),
        { id: 2, module: "flow:setVariable", version: 1, params: { name: "batch" }, mapper: { value: "B-{{1.n}}" } },
        { id: 3, module: "test:maybeFail", version: 1, mapper: { fail, echo: "{{1.n}}" }, onError: { directive: "break", retry: true, count: 3, interval: 15 } },
        compose(4, "{{batch}}:{{3.echo}}"),
      ],
      [[1, 2], [2, 3], [3, 4]],
    );

  it("parks the failed bundle, lets the others continue and ends incomplete", async () => {
    const result = await run(scenario("{{1.n = 2}}"), { trigger: { payload: [{ n: 1 }, { n: 2 }, { n: 3 }] } });
    expect(result.status).toBe("incomplete");
    expect(outputsOf(result, 4)).toEqual([{ text: "B-1:1" }, { text: "B-3:3" }]);
    expect(result.incomplete).toHaveLength(1);
    const state = result.incomplete[0];
    expect(state).toMatchObject({
      moduleId: 3,
      module: "test:maybeFail",
      moduleVersion: 1,
      pending: { kind: "bundle", scope: { "1": { n: 2 }, "2": { batch: "B-2" } } },
      variables: { batch: "B-2" },
      error: { type: "ConnectionError", message: "Remote refused 2" },
      handler: { retry: true, count: 3, interval: 15 },
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("resumes from the failed module with the stored bundle once the remote side works", async () => {
    const first = await run(scenario("{{1.n = 2}}"), { trigger: { payload: [{ n: 1 }, { n: 2 }, { n: 3 }] } });
    const stored = JSON.parse(JSON.stringify(first.incomplete[0]));
    const { resumeScenario } = await import("./run");
    const { testRegistry } = await import("./testing");
    const resumed = await resumeScenario(stored, { blueprint: scenario(false), registry: testRegistry });
    expect(resumed.status).toBe("success");
    expect(trace(resumed)).toEqual(["3 ok 1", "4 ok 1"]);
    expect(outputsOf(resumed, 4)).toEqual([{ text: "B-2:2" }]);
    expect(resumed.operations).toBe(2);
  });

  it("ends incomplete again when the retry fails again", async () => {
    const first = await run(scenario(true), { trigger: { payload: { n: 5 } } });
    const { resumeScenario } = await import("./run");
    const { testRegistry } = await import("./testing");
    const again = await resumeScenario(first.incomplete[0], { blueprint: scenario(true), registry: testRegistry });
    expect(again.status).toBe("incomplete");
    expect(again.incomplete[0].pending).toEqual(first.incomplete[0].pending);
  });

  it("closes an aggregation whose source did not run again with the resumed bundles only", async () => {
    const bp = (fail: unknown) =>
      blueprint(
        [
          trigger(),
          { id: 2, module: "flow:iterator", version: 1, mapper: { array: "{{1.items}}" } },
          { id: 3, module: "test:maybeFail", version: 1, mapper: { fail, echo: "{{2.value}}" }, onError: { directive: "break" } },
          { id: 4, module: "flow:textAggregator", version: 1, params: { sourceModule: 2, rowSeparator: "other", separator: "+" }, mapper: { text: "{{3.echo}}" } },
          compose(5, "{{1.order}}: {{4.text}}"),
        ],
        [[1, 2], [2, 3], [3, 4], [4, 5]],
      );
    const first = await run(bp("{{2.value = \"b\"}}"), { trigger: { payload: { order: "O1", items: ["a", "b", "c"] } } });
    expect(outputsOf(first, 5)).toEqual([{ text: "O1: a+c" }]);
    const { resumeScenario } = await import("./run");
    const { testRegistry } = await import("./testing");
    const resumed = await resumeScenario(first.incomplete[0], { blueprint: bp(false), registry: testRegistry });
    expect(trace(resumed)).toEqual(["3 ok 1", "4 ok 1", "5 ok 1"]);
    expect(outputsOf(resumed, 5)).toEqual([{ text: "O1: b" }]);
  });

  it("refuses a state that does not parse or no longer matches the scenario", async () => {
    const { resumeScenario } = await import("./run");
    const { testRegistry } = await import("./testing");
    const garbage = await resumeScenario({ moduleId: "x" }, { blueprint: scenario(false), registry: testRegistry });
    expect(garbage.status).toBe("error");
    expect(garbage.error?.type).toBe("InvalidResumeState");

    const first = await run(scenario(true), { trigger: { payload: { n: 1 } } });
    const gone = blueprint([trigger(), compose(2, "x")], [[1, 2]]);
    const mismatch = await resumeScenario(first.incomplete[0], { blueprint: gone, registry: testRegistry });
    expect(mismatch.error?.message).toBe("The scenario no longer has module 3 (test:maybeFail) where the incomplete execution stopped.");
  });
});

describe("transactions", () => {
  const ledger = (id: number, entry: string, onError: null | { directive: "rollback" | "commit" } = null) => ({
    id,
    module: "test:ledger",
    version: 1,
    mapper: { entry },
    onError,
  });

  it("commits participants when the run ends well and rolls them back when it fails", async () => {
    const ok = createMemoryStore();
    await run(blueprint([trigger(), ledger(2, "{{1.n}}")], [[1, 2]]), { trigger: { payload: [{ n: 1 }, { n: 2 }] }, services: { store: ok } });
    expect(ok.snapshot()).toEqual({ "ledger:1": "committed", "ledger:2": "committed" });

    const failed = createMemoryStore();
    const bp = blueprint(
      [trigger(), ledger(2, "{{1.n}}"), { id: 3, module: "test:maybeFail", version: 1, mapper: { fail: "{{1.n = 2}}" } }],
      [[1, 2], [2, 3]],
    );
    const result = await run(bp, { trigger: { payload: [{ n: 1 }, { n: 2 }, { n: 3 }] }, services: { store: failed } });
    expect(result.status).toBe("error");
    expect(failed.snapshot()).toEqual({ "ledger:1": "rolledBack", "ledger:2": "rolledBack" });
  });

  it("commit: stops the run as a success and keeps what was done; later bundles are not processed", async () => {
    const store = createMemoryStore();
    const bp = blueprint(
      [trigger(), ledger(2, "{{1.n}}"), { id: 3, module: "test:maybeFail", version: 1, mapper: { fail: "{{1.n = 2}}" }, onError: { directive: "commit" } }],
      [[1, 2], [2, 3]],
    );
    const result = await run(bp, { trigger: { payload: [{ n: 1 }, { n: 2 }, { n: 3 }] }, services: { store } });
    expect(result.status).toBe("success");
    expect(result.error).toBeNull();
    expect(trace(result)).toEqual(["1 ok 3", "2 ok 1", "3 ok 1", "2 ok 1", "3 error commit"]);
    expect(store.snapshot()).toEqual({ "ledger:1": "committed", "ledger:2": "committed" });
  });

  it("reports a participant that cannot commit as an inconsistency", async () => {
    const store = createMemoryStore();
    const broken = { ...store, set: async (key: string, value: unknown) => (value === "committed" ? Promise.reject(new Error("disk full")) : store.set(key, value as string)) };
    const result = await run(blueprint([trigger(), ledger(2, "a")], [[1, 2]]), { services: { store: broken } });
    expect(result.status).toBe("error");
    expect(result.error).toEqual({ type: "InconsistencyError", message: "The commit failed for ledger:a: disk full." });
  });
});

describe("connections and secrets", () => {
  const secure = (connection?: string) => ({ id: 2, module: "test:secure", version: 1, connection, mapper: { query: "{{1.q}}", pin: "4321" } });
  const connections = async (id: string) => {
    if (id !== "conn_1") throw new Error(`no connection ${id}`);
    return { id, type: "test@1", values: { apiKey: "KEY-0123456789" } };
  };

  it("hands the module its resolved connection and keeps every secret out of the log", async () => {
    const logged: unknown[] = [];
    const result = await run(blueprint([trigger(), secure("conn_1")], [[1, 2]]), {
      trigger: { payload: { q: "books" } },
      services: { connections, logger: (record) => logged.push(record) },
    });
    expect(result.status).toBe("success");
    const entry = result.log[1];
    expect(entry.input).toEqual({ query: "books", pin: REDACTED });
    expect(entry.output).toEqual([{ url: `https://api.example.test/search?q=books&key=${REDACTED}`, accessToken: REDACTED }]);
    expect(entry.messages).toEqual([{ level: "info", message: `calling with key ${REDACTED}`, data: { password: REDACTED, query: "books" } }]);
    expect(JSON.stringify(result)).not.toContain("KEY-0123456789");
    expect(JSON.stringify(logged)).not.toContain("KEY-0123456789");
    expect(JSON.stringify(result)).not.toContain("hunter22");
  });

  it("fails the module clearly when no connection is chosen, it cannot be loaded, or it has the wrong type", async () => {
    const none = await run(blueprint([trigger(), secure()], [[1, 2]]), { services: { connections } });
    expect(none.error).toMatchObject({ type: "InvalidConfigurationError", message: "Module 2 (Secure call) needs a test@1 connection; none is selected." });

    const missing = await run(blueprint([trigger(), secure("conn_9")], [[1, 2]]), { services: { connections } });
    expect(missing.error?.message).toBe("Connection conn_9 could not be loaded: no connection conn_9");

    const wrong = await run(blueprint([trigger(), secure("conn_1")], [[1, 2]]), {
      services: { connections: async (id) => ({ id, type: "test@2", values: {} }) },
    });
    expect(wrong.error?.message).toBe("Connection conn_1 is a test@2 connection; module 2 needs test@1.");
  });
});

describe("log entries and events", () => {
  it("caps a huge entry at 64 KiB with a truncated marker", async () => {
    const big = "x".repeat(200_000);
    const result = await run(blueprint([trigger(), compose(2, "{{1.big}}")], [[1, 2]]), { trigger: { payload: { big } } });
    expect(result.status).toBe("success");
    for (const entry of result.log) {
      expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThanOrEqual(64 * 1024);
      expect(entry.truncated).toBe(true);
    }
  });

  it("tells a listener when each module starts and finishes each bundle, and survives a listener that throws", async () => {
    const events: EngineEvent[] = [];
    const result = await run(
      blueprint([trigger(), { id: 2, module: "json:parse", version: 1, mapper: { json: "{{1.raw}}" }, onError: { directive: "ignore" } }], [[1, 2]]),
      {
        trigger: { payload: [{ raw: "[1,2]" }, { raw: "{" }] },
        onEvent: (event) => {
          events.push(event);
          throw new Error("socket closed");
        },
      },
    );
    expect(result.status).toBe("warning");
    expect(events.map((e) => (e.type === "module:finish" ? `${e.type} ${e.moduleId}#${e.bundleIndex} ${e.status} ${e.outputBundles}${e.handledBy ? ` ${e.handledBy}` : ""}` : e.type === "module:start" ? `${e.type} ${e.moduleId}#${e.bundleIndex}` : e.type))).toEqual([
      "run:start",
      "module:start 1#1",
      "module:finish 1#1 success 2",
      "module:start 2#1",
      "module:finish 2#1 success 2",
      "module:start 2#2",
      "module:finish 2#2 error 0 ignore",
      "run:finish",
    ]);
  });

  it("reports start, finish and duration from the injected clock", async () => {
    let t = 1000;
    const result = await run(blueprint([trigger(), compose(2, "x")], [[1, 2]]), { services: { clock: () => (t += 5) } });
    expect(result.startedAt).toBe("2026-05-01T12:00:00.000Z");
    expect(result.durationMs).toBeGreaterThan(0);
    expect(Date.parse(result.finishedAt) - Date.parse(result.startedAt)).toBe(result.durationMs);
    expect(result.log.map((e) => e.durationMs)).toEqual([5, 5]);
  });
});
