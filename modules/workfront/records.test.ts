import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import type { ExecutionResult } from "@/lib/engine/types";
import { getModule } from "@/modules";
import { DEMO_API_KEY, SEED_IDS } from "./sandbox";
import { allConnections, resolver, startTestSandbox, type TestConnection, type TestSandbox } from "./testing";

/**
 * Every action and search module, in both versions, over real HTTP against the sandbox: version 1 with
 * a username/password connection (on a sandbox that still serves v15.0), version 2 with an API key and
 * with OAuth2.
 */
const WORKFRONT_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}:\d{3}[+-]\d{4}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let sb: TestSandbox;
let connections: Record<string, TestConnection>;

beforeAll(async () => {
  sb = await startTestSandbox({ removedVersions: [] });
  connections = await allConnections(sb);
});
afterAll(async () => {
  await sb.close();
});

const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };

async function runOne(version: number, connection: string, module: string, params: Record<string, unknown>, mapper: Record<string, unknown>): Promise<{ result: ExecutionResult; out: Record<string, any>[] }> {
  const result = await run(blueprint([trigger, { id: 2, module, version, connection: "conn", params, mapper }], [[1, 2]]), {
    services: { connections: resolver({ conn: connections[connection] }) },
  });
  return { result, out: outputsOf(result, 2) as Record<string, any>[] };
}

const cases = [
  { name: "version 1 with a username/password connection", version: 1, connection: "password", dates: WORKFRONT_DATE, bodyKey: "data" },
  { name: "version 2 with an API-key connection", version: 2, connection: "apiKey", dates: ISO_DATE, bodyKey: "body" },
  { name: "version 2 with an OAuth2 connection", version: 2, connection: "oauth", dates: ISO_DATE, bodyKey: "body" },
] as const;

describe.each(cases)("$name", ({ version, connection, dates, bodyKey }) => {
  const call = (module: string, params: Record<string, unknown>, mapper: Record<string, unknown>) => runOne(version, connection, `workfront:${module}`, params, mapper);
  const ok = async (module: string, params: Record<string, unknown>, mapper: Record<string, unknown>) => {
    const { result, out } = await call(module, params, mapper);
    expect(result.error).toBeNull();
    return out;
  };
  const name = `Task via ${connection} v${version}`;

  it("creates, reads, updates, searches, lists, acts on, uploads to and deletes a record", async () => {
    const [created] = await ok("createRecord", { objCode: "TASK" }, { fields: [{ name: "name", value: name }, { name: "projectID", value: SEED_IDS.website }, { name: "DE:Channels", value: ["Web"] }] });
    expect(created).toMatchObject({ objCode: "TASK", name, status: "NEW" });
    expect(created.ID).toMatch(/^[0-9a-f]{32}$/);
    expect(created.plannedStartDate).toMatch(dates);
    const id = created.ID as string;

    const [read] = await ok("readRecord", { objCode: "TASK", outputs: ["entryDate", "DE:Channels"], references: ["project"], collections: ["assignments"] }, { id });
    expect(read).toMatchObject({ ID: id, name, "DE:Channels": "Web", project: { ID: SEED_IDS.website, name: "Website Relaunch" }, assignments: [] });
    expect(read.entryDate).toMatch(dates);

    const [updated] = await ok("updateRecord", { objCode: "TASK" }, { id, fields: [{ name: "percentComplete", value: 40 }, { name: "DE:Review Needed", value: "Yes" }] });
    expect(updated).toMatchObject({ ID: id, percentComplete: 40, status: "INP", "DE:Review Needed": "Yes" });
    expect(sb.store.get("TASK", id)?.fields.status).toBe("INP");

    const found = await ok(
      "search",
      { objCode: "TASK", outputs: ["projectID"] },
      {
        criteria: [
          { field: "name", operator: "contains", value: `via ${connection} v${version}`, orGroup: 1 },
          { field: "percentComplete", operator: "between", value: 30, rangeEnd: 50, orGroup: 1 },
          { field: "name", operator: "eq", value: "Inventory servers", orGroup: 2 },
        ],
        sort: [{ field: "name", direction: "desc" }],
      },
    );
    expect(found.map((r) => r.name)).toEqual([name, "Inventory servers"]);
    expect(found[0].projectID).toBe(SEED_IDS.website);
    expect(await ok("search", { objCode: "TASK" }, { criteria: [{ field: "name", operator: "cicontains", value: "TASK VIA" }], resultSet: "first" })).toHaveLength(1);

    const related = await ok("readRelatedRecords", { objCode: "PROJ", collection: "tasks", childOutputs: ["name", "percentComplete"] }, { id: SEED_IDS.website, limit: 100 });
    expect(related.find((t) => t.ID === id)).toMatchObject({ name, percentComplete: 40 });
    expect(related.length).toBeGreaterThanOrEqual(6);

    const [acted] = await ok("miscAction", { objCode: "TASK", action: "markDone" }, { id, arguments: [] });
    expect(acted).toEqual({ result: null });
    expect(sb.store.get("TASK", id)?.fields.status).toBe("CPL");

    const text = `notes for ${name}`;
    const [document] = await ok("uploadDocument", {}, { relatedObjCode: "TASK", relatedId: id, fileName: "notes.txt", data: Buffer.from(text).toString("base64"), mimeType: "text/plain" });
    expect(document).toMatchObject({ objCode: "DOCU", name: "notes.txt", docObjCode: "TASK", objID: id });
    const download = await fetch(`${sb.url}${document.downloadURL as string}`, { headers: { apiKey: DEMO_API_KEY } });
    expect(await download.text()).toBe(text);

    const [custom] = await ok("customApiCall", {}, { url: "/task/search", method: "GET", qs: [{ name: "ID", value: id }, { name: "fields", value: "name,status" }] });
    expect(custom.statusCode).toBe(200);
    expect(custom[bodyKey]).toMatchObject({ data: [{ ID: id, name, status: "CPL" }] });

    const [deleted] = await ok("deleteRecord", { objCode: "TASK" }, { id, force: false });
    expect(deleted).toEqual({ ID: id, objCode: "TASK", success: true });
    const gone = await call("readRecord", { objCode: "TASK" }, { id });
    expect(gone.result.error).toMatchObject({ type: "DataError", message: expect.stringContaining(`TASK with ID ${id} could not be found`) });
  });

  it("names Workfront's refusal and its class, and maps it to an error type", async () => {
    const missing = await call("createRecord", { objCode: "TASK" }, { fields: [{ name: "name", value: "No project" }] });
    expect(missing.result.error).toMatchObject({ type: "DataError", message: expect.stringMatching(/^Workfront \(127\.0\.0\.1:\d+\) refused: .*projectID.* \[ValidationException\]$/) });
    const unknownField = await call("readRecord", { objCode: "TASK", outputs: ["noSuchField"] }, { id: SEED_IDS.buildTask });
    expect(unknownField.result.error?.message).toContain(`does not support field noSuchField (Task) [InvalidParameterException]`);
    const notAction = await call("miscAction", { objCode: "TASK", action: "explode" }, { id: SEED_IDS.buildTask });
    expect(notAction.result.error).toMatchObject({ type: "DataError", message: expect.stringContaining("Unknown action explode") });
  });

  it("loads object types, fields (custom ones as DE:), references, collections and actions from /metadata", async () => {
    const resolved = await resolver({ c: connections[connection] })("c");
    const def = getModule("workfront:search", version)!;
    const load = (name: string, params: Record<string, unknown>) => def.options[name]({ connection: resolved, params, signal: AbortSignal.timeout(5000) });
    expect(await load("objectTypes", {})).toContainEqual({ value: "OPTASK", label: "Issue (OPTASK)" });
    const fields = (await load("fields", { objCode: "TASK" })).map((o) => o.value);
    expect(fields).toEqual(expect.arrayContaining(["name", "entryDate", "DE:Channels", "DE:Review Needed"]));
    const writable = (await getModule("workfront:createRecord", version)!.options.writableFields({ connection: resolved, params: { objCode: "TASK" }, signal: AbortSignal.timeout(5000) })).map((o) => o.value);
    expect(writable).toContain("DE:Channels");
    expect(writable).not.toContain("entryDate");
    expect((await load("references", { objCode: "TASK" })).map((o) => o.value)).toContain("project");
    expect((await load("collections", { objCode: "PROJ" })).map((o) => o.value)).toContain("tasks");
    const related = getModule("workfront:readRelatedRecords", version)!.options.relatedFields;
    expect((await related({ connection: resolved, params: { objCode: "PROJ", collection: "tasks" }, signal: AbortSignal.timeout(5000) })).map((o) => o.value)).toContain("wbs");
    expect((await load("actions", { objCode: "TASK" })).map((o) => o.value)).toEqual(expect.arrayContaining(["move", "markDone"]));
  });
});
