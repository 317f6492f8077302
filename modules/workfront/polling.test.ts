import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineModule } from "@/lib/engine/blueprint";
import { createMemoryStore } from "@/lib/engine/services";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { parseWorkfrontDate } from "./client/dates";
import { cursorStoreKey } from "./common/polling";
import { SEED_IDS } from "./sandbox";
import { allConnections, resolver, startTestSandbox, type TestConnection, type TestSandbox } from "./testing";

/**
 * The polling triggers over real HTTP: no record skipped and none emitted twice while records change
 * between runs — several with the same millisecond at the boundary included — and a failed run leaves
 * the cursor where it was.
 */
const T0 = Date.parse("2026-06-01T15:00:00.000Z");
let clock = T0;
let sb: TestSandbox;
let connections: Record<string, TestConnection>;

beforeAll(async () => {
  sb = await startTestSandbox({ removedVersions: [], now: () => new Date(clock) });
  connections = await allConnections(sb);
});
afterAll(async () => {
  await sb.close();
});

const WORKFRONT_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}:\d{3}[+-]\d{4}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const cases = [
  { name: "version 1, username/password", version: 1, connection: "password", dates: WORKFRONT_DATE },
  { name: "version 2, API key", version: 2, connection: "apiKey", dates: ISO_DATE },
  { name: "version 2, OAuth2", version: 2, connection: "oauth", dates: ISO_DATE },
] as const;

/** A scenario of one polling trigger, optionally followed by a module that fails while `failing` is true. */
function poller(version: number, connection: string, module: string, params: Record<string, unknown>, mapper: Record<string, unknown> = {}) {
  const store = createMemoryStore();
  let failing = false;
  const trigger: EngineModule = { id: 1, module, version, connection: "c", params, mapper };
  return {
    store,
    fail: (on: boolean) => (failing = on),
    async poll(settings: Record<string, unknown> = {}): Promise<Record<string, any>[]> {
      const modules: EngineModule[] = [trigger, { id: 2, module: "test:maybeFail", version: 1, mapper: { fail: failing } }];
      const result = await run(blueprint(modules, [[1, 2]], settings), { services: { store, connections: resolver({ c: connections[connection] }) } });
      if (failing) expect(result.status).toBe("error");
      else expect(result.error).toBeNull();
      return outputsOf(result, 1) as Record<string, any>[];
    },
  };
}

let counter = 0;
const newTask = (name: string, projectID: string = SEED_IDS.dataCenter) => sb.store.create("TASK", { name: `${name} #${++counter}`, projectID }).ID;

describe.each(cases)("Watch records, $name", ({ version, connection, dates }) => {
  it("“new”: from now on, with several records at the boundary millisecond, none skipped or repeated", async () => {
    clock += 60_000;
    const watch = poller(version, connection, "workfront:watchRecords", { objCode: "TASK", watch: "new", startFrom: "now", outputs: ["projectID"] }, { limit: 2 });
    expect(await watch.poll()).toEqual([]); // what exists now is the starting point

    clock += 1_000;
    const same = [newTask("a"), newTask("b"), newTask("c")]; // one millisecond for all three
    const first = await watch.poll();
    expect(first).toHaveLength(2);
    expect(first[0]).toMatchObject({ objCode: "TASK", projectID: SEED_IDS.dataCenter });
    expect(first[0].entryDate).toMatch(dates);
    const late = newTask("d"); // still the same millisecond, created after that run
    const second = await watch.poll();
    clock += 1;
    const next = newTask("e");
    const third = await watch.poll();
    expect(await watch.poll()).toEqual([]);
    const seen = [...first, ...second, ...third].map((r) => r.ID);
    expect(seen.sort()).toEqual([...same, late, next].sort());
    expect(third.map((r) => r.ID)).toContain(next);
  });

  it("“both”: records that change between runs come again with their new state; a failed run moves nothing", async () => {
    clock += 60_000;
    const watch = poller(version, connection, "workfront:watchRecords", { objCode: "TASK", watch: "both", startFrom: "now", filter: `projectID=${SEED_IDS.campaign}` }, { limit: 2 });
    await watch.poll();
    clock += 1_000;
    const ids = [newTask("x", SEED_IDS.campaign), newTask("y", SEED_IDS.campaign), newTask("z", SEED_IDS.campaign)];
    newTask("elsewhere"); // outside the optional filter
    const first = await watch.poll();
    expect(first).toHaveLength(2);
    clock += 1_000;
    sb.store.edit("TASK", first[0].ID, { percentComplete: 10 }); // moves behind the third record

    watch.fail(true);
    expect(await watch.poll()).toHaveLength(2); // emitted, but the run failed…
    watch.fail(false);
    const second = await watch.poll(); // …so the same come again
    expect(second.map((r) => r.ID)).toEqual([ids.find((id) => !first.some((r) => r.ID === id)), first[0].ID]);
    expect(second[1]).toMatchObject({ status: "INP", percentComplete: 10 });
    expect(await watch.poll()).toEqual([]);
  });

  it("“updated”: leaves out new records nobody has edited yet", async () => {
    clock += 60_000;
    const watch = poller(version, connection, "workfront:watchRecords", { objCode: "TASK", watch: "updated", startFrom: "now" }, { limit: 10 });
    await watch.poll();
    clock += 1_000;
    const older = newTask("older");
    clock += 1_000;
    const fresh = newTask("fresh");
    sb.store.edit("TASK", older, { priority: 4 });
    expect((await watch.poll()).map((r) => r.ID)).toEqual([older]);
    clock += 1_000;
    sb.store.edit("TASK", fresh, { name: "fresh, now edited" });
    expect((await watch.poll()).map((r) => r.ID)).toEqual([fresh]);
  });
});

describe.each(cases)("Watch records under a stream of changes, $name", ({ version, connection }) => {
  it("delivers each record's latest state and never the same state twice, over many polls with small limits, shared milliseconds and failed runs", async () => {
    clock += 60_000;
    let seed = 20_260_601;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const project = sb.store.create("PROJ", { name: `Stream ${++counter}` }).ID;
    const watch = poller(version, connection, "workfront:watchRecords", { objCode: "TASK", watch: "both", startFrom: "now", filter: `projectID=${project}`, outputs: ["percentComplete"] }, { limit: 3 });
    expect(await watch.poll()).toEqual([]);

    const tasks: string[] = [];
    const emitted = new Map<string, number[]>(); // task → lastUpdateDate (ms) of each state delivered by a successful run
    const keep = (bundles: Record<string, any>[]) => {
      for (const b of bundles) emitted.set(b.ID, [...(emitted.get(b.ID) ?? []), parseWorkfrontDate(b.lastUpdateDate)!.getTime()]);
    };
    for (let round = 0; round < 30; round++) {
      for (let change = Math.floor(random() * 5); change > 0; change--) {
        if (tasks.length === 0 || random() < 0.4) tasks.push(newTask("stream", project));
        else sb.store.edit("TASK", tasks[Math.floor(random() * tasks.length)], { percentComplete: 1 + Math.floor(random() * 98) });
        if (random() < 0.5) clock += 1; // otherwise the next change shares this millisecond
      }
      const failing = random() < 0.15;
      watch.fail(failing);
      const bundles = await watch.poll();
      if (!failing) keep(bundles);
      clock += Math.floor(random() * 2);
    }
    watch.fail(false);
    for (let drained = await watch.poll(); drained.length > 0; drained = await watch.poll()) keep(drained);

    expect(tasks.length).toBeGreaterThan(10);
    for (const id of tasks) {
      const states = emitted.get(id) ?? [];
      // No gap: the latest state of every record arrived…
      expect(states.at(-1), id).toBe((sb.store.get("TASK", id)!.fields.lastUpdateDate as Date).getTime());
      // …and no duplicate: each state once, in the order they happened.
      expect(new Set(states).size, id).toBe(states.length);
      expect([...states].sort((a, b) => a - b), id).toEqual(states);
    }
  });
});

describe("Watch records: where to start, and run limits", () => {
  it("“since a date” and “all” start in the past; a smaller maximum per run leaves the rest for the next run", async () => {
    const all = await sb.store.find("PORT").length;
    const since = poller(2, "apiKey", "workfront:watchRecords", { objCode: "PORT", watch: "new", startFrom: "date", startDate: new Date(clock + 1).toISOString() }, { limit: 100 });
    clock += 1_000;
    const portfolio = sb.store.create("PORT", { name: `New portfolio ${++counter}` }).ID;
    expect((await since.poll()).map((r) => r.ID)).toEqual([portfolio]);

    const everything = poller(2, "apiKey", "workfront:watchRecords", { objCode: "PORT", watch: "new", startFrom: "all" }, { limit: 100 });
    const firstRun = await everything.poll({ maxResultsPerRun: all });
    expect(firstRun).toHaveLength(all);
    expect((await everything.poll({ maxResultsPerRun: all })).map((r) => r.ID)).toEqual([portfolio]);
  });

  it("starts over when the watched object type changes, and keeps the cursor under the module's key", async () => {
    const watch = poller(2, "apiKey", "workfront:watchRecords", { objCode: "OPTASK", watch: "new", startFrom: "now" });
    await watch.poll();
    expect(await watch.store.get(cursorStoreKey(1))).toMatchObject({ key: expect.stringContaining("OPTASK"), at: expect.any(String) });
  });
});

describe.each(cases)("Watch field changes, $name", ({ version, connection, dates }) => {
  it("outputs each change of the field with its old and new value, once", async () => {
    clock += 60_000;
    const watch = poller(version, connection, "workfront:watchFieldChanges", { objCode: "TASK", field: "status", startFrom: "now" }, { limit: 2 });
    expect(await watch.poll()).toEqual([]);
    clock += 1_000;
    const task = newTask("tracked");
    const other = newTask("other");
    sb.store.edit("TASK", task, { status: "INP", name: "renamed, not watched" });
    sb.store.edit("TASK", other, { status: "INP" });
    sb.store.edit("TASK", task, { status: "CPL" }); // all in the same millisecond
    const first = await watch.poll();
    expect(first).toHaveLength(2);
    const second = await watch.poll();
    const changes = [...first, ...second];
    const summary = (c: Record<string, any>) => `${c.objID} ${c.oldValue}→${c.newValue}`;
    expect(changes.map(summary).sort()).toEqual([`${task} NEW→INP`, `${other} NEW→INP`, `${task} INP→CPL`].sort());
    expect(changes.every((c) => c.fieldName === "status" && c.objObjCode === "TASK" && c.changeType === "E")).toBe(true);
    expect(changes[0].entryDate).toMatch(dates);
    expect(await watch.poll()).toEqual([]);
  });

  it("watches custom fields too, and a failed run does not lose changes", async () => {
    clock += 60_000;
    const watch = poller(version, connection, "workfront:watchFieldChanges", { objCode: "TASK", field: "DE:Review Needed", startFrom: "now" });
    await watch.poll();
    clock += 1_000;
    const task = sb.store.create("TASK", { name: `review #${++counter}`, projectID: SEED_IDS.legacy, "DE:Review Needed": "No" }).ID;
    sb.store.edit("TASK", task, { "DE:Review Needed": "Yes" });
    watch.fail(true);
    expect(await watch.poll()).toHaveLength(1);
    watch.fail(false);
    expect((await watch.poll()).map((c) => [c.objID, c.fieldName, c.oldValue, c.newValue])).toEqual([[task, "DE:Review Needed", "No", "Yes"]]);
    expect(await watch.poll()).toEqual([]);
  });
});
