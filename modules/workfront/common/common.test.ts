import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memorySessionCache } from "@/modules/http/session";
import { WorkfrontClient } from "../client/client";
import { credentialsOf } from "../client/values";
import { DEMO_API_KEY } from "../sandbox";
import { startTestSandbox, type TestSandbox } from "../testing";
import { poll, type PollCursor } from "./polling";
import { updatesOf } from "./records";
import { criteriaParams, rawFilterParams, sortParams } from "./search";
import { fileBytes } from "./upload";
import { fieldChange } from "./watch";

describe("building requests from module values", () => {
  it("fields to write: names trimmed, blanks skipped, a field set twice named with both items", () => {
    expect(updatesOf([{ name: " name ", value: "A" }, { name: "", value: "x" }, { name: "DE:Channels", value: ["Web"] }, { name: "description" }])).toEqual({
      name: "A",
      "DE:Channels": ["Web"],
      description: null,
    });
    expect(() => updatesOf([{ name: "name", value: "A" }, { name: "", value: 1 }, { name: "name", value: "B" }])).toThrow("“name” is set twice (items 1 and 3)");
  });

  it("search criteria: modifiers, lists, ranges, presence checks and OR groups", () => {
    expect(
      criteriaParams([
        { field: "status", operator: "in", value: ["NEW", "INP"] },
        { field: "plannedCompletionDate", operator: "between", value: "$$TODAY", rangeEnd: "$$TODAY+7d" },
        { field: "description", operator: "isnull" },
        { field: "assignedTo:name", operator: "cicontains", value: "steve", orGroup: 1 },
        { field: "status", value: "CPL", orGroup: 1 },
      ]),
    ).toEqual([
      ["status", "NEW"],
      ["status", "INP"],
      ["status_Mod", "in"],
      ["plannedCompletionDate", "$$TODAY"],
      ["plannedCompletionDate_Mod", "between"],
      ["plannedCompletionDate_Range", "$$TODAY+7d"],
      ["description_Mod", "isnull"],
      ["OR:1:assignedTo:name", "steve"],
      ["OR:1:assignedTo:name_Mod", "cicontains"],
      ["OR:1:status", "CPL"],
      ["OR:1:status_Mod", "eq"],
    ]);
    expect(() => criteriaParams([{ field: "priority", operator: "gte", value: 1 }, { field: "priority", operator: "lte", value: 3 }])).toThrow(/already used.*between/);
    expect(() => criteriaParams([{ field: "priority", operator: "between", value: 1 }])).toThrow("needs a range end");
    expect(() => criteriaParams([{ field: "name", operator: "eq" }])).toThrow("needs a value");
    expect(sortParams([{ field: "name", direction: "desc" }, { field: "ID" }])).toEqual([
      ["name_1_Sort", "desc"],
      ["ID_2_Sort", "asc"],
    ]);
  });

  it("the optional filter may not steer what the trigger steers itself", () => {
    expect(rawFilterParams("?status=CUR&priority_Mod=gte&priority=2", ["lastUpdateDate"])).toEqual([
      ["status", "CUR"],
      ["priority_Mod", "gte"],
      ["priority", "2"],
    ]);
    expect(() => rawFilterParams("lastUpdateDate_Mod=lt", ["lastUpdateDate"])).toThrow("may not set “lastUpdateDate_Mod”");
    expect(() => rawFilterParams("name_Sort=asc", [])).toThrow("may not set");
    expect(() => rawFilterParams("$$LIMIT=5", [])).toThrow("may not set");
  });

  it("file data: base64 text or bytes; anything else is refused, not uploaded mangled", () => {
    expect(Buffer.from(fileBytes("aGVs\nbG8=")).toString()).toBe("hello");
    expect(fileBytes(new Uint8Array([1, 2]))).toEqual(new Uint8Array([1, 2]));
    expect(() => fileBytes("this is plain text!")).toThrow("not base64");
    expect(() => fileBytes({ data: "x" })).toThrow("base64 text or bytes");
  });

  it("a journal entry's old and new value come from whichever column holds them", () => {
    expect(fieldChange({ oldTextVal: null, newTextVal: null, oldNumberVal: 1, newNumberVal: 2 })).toMatchObject({ oldValue: 1, newValue: 2 });
    expect(fieldChange({ oldTextVal: "", oldDateVal: "2020-05-18T17:00:00:000-0600", newTextVal: "x" })).toMatchObject({ oldValue: "2020-05-18T17:00:00:000-0600", newValue: "x" });
  });
});

describe("polling when more records share one millisecond than fit in a page", () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ seed: false, now: () => new Date("2026-06-01T12:00:00.000Z") });
  });
  afterAll(async () => {
    await sb.close();
  });

  it("steps over the seen ones by position and still takes each record exactly once", async () => {
    const project = sb.store.create("PROJ", { name: "Import" }).ID;
    const created = new Set<string>();
    for (let i = 0; i < 2300; i++) created.add(sb.store.create("TASK", { name: `imported ${i}`, projectID: project }).ID);
    const client = new WorkfrontClient(credentialsOf("workfront@2", { host: sb.url, apiKey: DEMO_API_KEY }), memorySessionCache(), { apiVersion: "21.0" });
    const spec = { objCode: "TASK", timestampField: "entryDate" as const, filters: [], fields: [], start: { from: "all" as const }, key: "k", want: 700 };
    let cursor: PollCursor | undefined;
    const taken: string[] = [];
    for (let run = 0; run < 5; run++) {
      const result = await poll(client, spec, cursor);
      taken.push(...result.records.map((r) => String(r.ID)));
      cursor = result.cursor;
    }
    expect(taken).toHaveLength(2300);
    expect(new Set(taken)).toEqual(created);
    expect(cursor?.seen).toHaveLength(2300);
  });
});
