import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_API_KEY, SEED_IDS as I, startWorkfrontSandbox } from "./index";
import { call, restClient } from "./testkit";

type Sandbox = Awaited<ReturnType<typeof startWorkfrontSandbox>>;
let sb: Sandbox;
let api: ReturnType<typeof restClient>;

const WF_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}:\d{3}[+-]\d{4}$/;

beforeAll(async () => {
  sb = await startWorkfrontSandbox();
  api = restClient(sb.url);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

describe("URL shapes and versions", () => {
  it("answers v16.0–v22.0, the unversioned and internal paths, with object codes or names in any case", async () => {
    for (const path of [`/attask/api/v16.0/proj/${I.website}`, `/attask/api/v22.0/PROJECT/${I.website}`, `/attask/api/Proj/${I.website}`, `/attask/api-internal/project/${I.website}`]) {
      const reply = await call(`${sb.url}${path}`, { headers: { apiKey: DEMO_API_KEY } });
      expect(reply.status, path).toBe(200);
      expect(reply.json.data).toMatchObject({ ID: I.website, objCode: "PROJ", name: "Website Relaunch" });
    }
    for (const name of ["issue", "optask", "OPTASK"]) expect((await api.get(`/${name}/${I.linkIssue}`)).json.data.objCode).toBe("OPTASK");
  });

  it("answers a removed version with the error envelope and unknown versions with 404", async () => {
    const removed = await call(`${sb.url}/attask/api/v15.0/proj/search`, { headers: { apiKey: DEMO_API_KEY } });
    expect(removed.status).toBe(410);
    expect(removed.json.error.class).toBe("com.attask.common.UnsupportedVersionException");
    for (const label of ["v14.0", "v23.0", "v21"]) expect((await call(`${sb.url}/attask/api/${label}/proj/search`, { headers: { apiKey: DEMO_API_KEY } })).status).toBe(404);
    const other = await startWorkfrontSandbox({ removedVersions: [21] });
    try {
      expect((await restClient(other.url, { version: "v15.0" }).get("/proj/count")).json.data.count).toBe(4);
      expect((await restClient(other.url, { version: "v21.0" }).get("/proj/count")).status).toBe(410);
    } finally {
      await other.close();
    }
  });

  it("starts without demo work when seed is false, but with the demo admin", async () => {
    const bare = await startWorkfrontSandbox({ seed: false });
    try {
      const client = restClient(bare.url);
      expect((await client.get("/proj/count")).json.data.count).toBe(0);
      expect((await client.get(`/user/${I.admin}`)).json.data.name).toBe("Alex Admin");
    } finally {
      await bare.close();
    }
  });

  it("gets one ID as an object and several (comma list or repeated id) as an array", async () => {
    expect((await api.get(`/proj`, `id=${I.website}`)).json.data.ID).toBe(I.website);
    const comma = await api.get(`/proj`, `id=${I.website},${I.campaign}`);
    const repeated = await api.get(`/proj`, `id=${I.website}&id=${I.campaign}`);
    expect(comma.json.data.map((p: { ID: string }) => p.ID)).toEqual([I.website, I.campaign]);
    expect(repeated.json.data).toEqual(comma.json.data);
  });

  it("answers unknown object types and IDs with 404 envelopes", async () => {
    expect((await api.get("/widget/search")).json.error).toMatchObject({ class: "com.attask.common.NotFoundException", message: "Unknown object type: widget" });
    const missing = await api.get(`/task/${"0".repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.class).toBe("com.attask.common.NotFoundException");
  });

  it("refuses URIs longer than the CDN's 8,892 bytes", async () => {
    expect((await api.get("/proj/search", `name=${"x".repeat(9000)}`)).status).toBe(414);
  });
});

describe("parameter encodings and method override", () => {
  it("creates from query fields, a form body with updates=, and a bare JSON body", async () => {
    const fromQuery = await api.send("POST", "/task", `name=From%20query&projectID=${I.campaign}&priority=2`);
    expect(fromQuery.json.data).toMatchObject({ name: "From query", priority: 2, objCode: "TASK" });
    const fromForm = await api.form("POST", "/task", { updates: JSON.stringify({ name: "From form", projectID: I.campaign }), fields: "projectID" });
    expect(fromForm.json.data).toMatchObject({ name: "From form", projectID: I.campaign });
    const fromJson = await api.json("POST", "/task", { name: "From JSON", projectID: I.campaign, "DE:Deliverables": ["Copy", "Video"] }, "fields=DE:Deliverables");
    expect(fromJson.json.data).toMatchObject({ name: "From JSON", "DE:Deliverables": ["Copy", "Video"] });
    expect((await api.get("/task/count", `projectID=${I.campaign}`)).json.data.count).toBe(4);
  });

  it("edits sparsely: only the named fields change", async () => {
    const edited = await api.json("PUT", `/proj/${I.website}`, { name: "Website 2.0" }, "fields=budget,DE:Customer Tier");
    expect(edited.json.data).toMatchObject({ name: "Website 2.0", status: "CUR", budget: 120000, "DE:Customer Tier": "Gold" });
  });

  it("takes method= from a GET or POST as the real verb", async () => {
    const put = await api.get(`/proj/${I.campaign}`, `method=PUT&updates=${encodeURIComponent(JSON.stringify({ status: "CUR" }))}`);
    expect(put.json.data.status).toBe("CUR");
    const search = await api.form("POST", "/proj/search", { method: "GET", status: "CUR", fields: "ID" });
    expect(search.json.data.map((p: { ID: string }) => p.ID).sort()).toEqual([I.website, I.campaign, I.dataCenter].sort());
    expect((await api.get(`/optask/${I.rackIssue}`, "method=DELETE")).json.data).toEqual({ success: true });
    expect(sb.store.get("OPTASK", I.rackIssue)).toBeUndefined();
  });
});

describe("writes", () => {
  it("gives 32-hex IDs, Workfront dates, a fixed entryDate and a moving lastUpdateDate", async () => {
    const created = (await api.json("POST", "/optask", { name: "Dates", projectID: I.website }, "fields=entryDate,lastUpdateDate")).json.data;
    expect(created.ID).toMatch(/^[0-9a-f]{32}$/);
    expect(created.entryDate).toMatch(WF_DATE);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const edited = (await api.json("PUT", `/optask/${created.ID}`, { priority: 4 }, "fields=entryDate,lastUpdateDate")).json.data;
    expect(edited.entryDate).toBe(created.entryDate);
    expect(edited.lastUpdateDate > created.lastUpdateDate).toBe(true);
  });

  it("replaces a collection whole and keeps assignedToID on the primary assignee", async () => {
    const before = sb.store.find("ASSGN", (a) => a.fields.taskID === I.buildTask);
    expect(before).toHaveLength(2);
    const task = await api.json("PUT", `/task/${I.buildTask}`, { assignments: [{ assignedToID: I.admin }] }, "fields=assignedToID,assignments:assignedToID");
    expect(task.json.data.assignedToID).toBe(I.admin);
    expect(task.json.data.assignments.map((a: { assignedToID: string }) => a.assignedToID)).toEqual([I.admin]);
    expect(before.every((a) => sb.store.get("ASSGN", a.ID) === undefined)).toBe(true);
  });

  it("rejects unknown fields, bad enum and option values, and missing required fields with Workfront's errors", async () => {
    const unknown = await api.json("PUT", `/proj/${I.website}`, { statusLabel: "x" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ class: "com.attask.common.InvalidParameterException", message: "APIModel V21_0 does not support field statusLabel (Project)" });
    const status = await api.json("PUT", `/proj/${I.website}`, { status: "APV" });
    expect(status.status).toBe(422);
    expect(status.json.error.message).toBe("Invalid custom enum value(s) for field 'Status': ['APV']");
    expect((await api.json("PUT", `/proj/${I.website}`, { "DE:Channels": ["Web", "Radio"] })).json.error.message).toBe("Invalid custom enum value(s) for field 'Channels': ['Radio']");
    expect((await api.json("POST", "/task", { name: "No project" })).json.error).toMatchObject({ class: "com.attask.common.ValidationException" });
    expect((await api.json("PUT", `/proj/${I.website}`, { "DE:Severity Level": "High" })).status).toBe(400); // a field of the issue form only
  });

  it("couples a task's status and percent complete like Workfront", async () => {
    expect((await api.json("PUT", `/task/${I.launchTask}`, { percentComplete: 10 })).json.data.status).toBe("INP");
    expect((await api.json("PUT", `/task/${I.launchTask}`, { status: "CPL" })).json.data.percentComplete).toBe(100);
  });

  it("deletes dependants only with force=true, and never a complete project", async () => {
    const refused = await api.send("DELETE", `/proj/${I.campaign}`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toContain("force=true");
    expect((await api.send("DELETE", `/proj/${I.campaign}`, "force=true")).json.data).toEqual({ success: true });
    expect(sb.store.get("TASK", I.emailTask)).toBeUndefined();
    const complete = await api.send("DELETE", `/proj/${I.legacy}`, "force=true");
    expect(complete.json.error).toEqual({
      class: "com.attask.common.ProjectStatusViolationException",
      message: "Unable to complete operation for a project of status Complete",
      title: null,
      msgKey: "exception.attask",
      attributes: [""],
      code: 0,
    });
  });

  it("bulk-creates up to 100, all-or-nothing with atomic=true", async () => {
    const many = await api.form("POST", "/optask", { updates: JSON.stringify([{ name: "A", projectID: I.website }, { name: "B", projectID: I.website }]) });
    expect(many.json.data.map((i: { name: string }) => i.name)).toEqual(["A", "B"]);
    const atomic = await api.form("PUT", "/optask", { method: "POST", atomic: "true", updates: JSON.stringify([{ name: "C", projectID: I.website }, { name: "D" }]) });
    expect(atomic.json.error.class).toBe("com.attask.common.ValidationException");
    expect(sb.store.find("OPTASK", (r) => r.fields.name === "C")).toHaveLength(0);
    const ok = await api.form("PUT", "/optask", { updates: JSON.stringify([{ ID: I.linkIssue, status: "CLS" }, { ID: I.fontIssue, status: "CLS" }]), atomic: "true" });
    expect(ok.json.data).toEqual({ success: true });
    const tooMany = await api.json("POST", "/optask", Array.from({ length: 101 }, (_, i) => ({ name: `n${i}`, projectID: I.website })));
    expect(tooMany.json.error.class).toBe("java.lang.IllegalArgumentException");
  });

  it("copies an object and runs actions", async () => {
    const copy = await api.send("POST", "/task", `copySourceID=${I.launchTask}&name=Launch%20again&fields=priority,DE:Channels`);
    expect(copy.json.data).toMatchObject({ name: "Launch again", priority: 3, "DE:Channels": "Web" });
    expect((await api.form("PUT", `/task/${I.launchTask}/move`, { projectID: I.campaign }, "fields=projectID")).json.data).toEqual({ result: null });
    expect(sb.store.get("TASK", I.launchTask)?.fields.projectID).toBe(I.campaign);
    await api.send("PUT", `/task/${I.emailTask}`, "action=markDone");
    expect(sb.store.get("TASK", I.emailTask)?.fields.status).toBe("CPL");
    expect((await api.send("PUT", `/proj/${I.website}/explode`)).json.error.class).toBe("java.lang.UnsupportedOperationException");
    expect((await api.send("PUT", "/proj")).json.error.message).toBe("you must specify an action");
  });
});

describe("journal entries", () => {
  it("records tracked field changes, custom fields, creation and deletion, searchable like the docs' example", async () => {
    const since = new Date().toISOString();
    await api.json("PUT", `/optask/${I.linkIssue}`, { name: "Broken link fixed?", priority: 1, "DE:Severity Level": "Low", description: "not tracked" });
    const query = `fields=newTextVal,oldTextVal,newDateVal,oldDateVal,newNumberVal,oldNumberVal,entryDate,objObjCode,objID,fieldName&objObjCode=OPTASK&entryDate=${since}&entryDate_Mod=gte`;
    const entries = (await api.get("/JRNLE/search", query)).json.data as { fieldName: string; oldTextVal: string; newTextVal: string; oldNumberVal: number; newNumberVal: number; objID: string }[];
    const byField = Object.fromEntries(entries.map((e) => [e.fieldName, e]));
    expect(Object.keys(byField).sort()).toEqual(["DE:Severity Level", "name", "priority"]);
    expect(byField.name).toMatchObject({ oldTextVal: "Broken link on homepage", newTextVal: "Broken link fixed?", objID: I.linkIssue });
    expect(byField.priority).toMatchObject({ oldNumberVal: 3, newNumberVal: 1 });
    await api.send("DELETE", `/optask/${I.linkIssue}`);
    const changeTypes = sb.store.journal(I.linkIssue).map((e) => e.fields.changeType);
    expect(changeTypes.at(-1)).toBe("D");
    expect((await api.json("POST", "/JRNLE", { fieldName: "x" })).json.error.class).toBe("java.lang.UnsupportedOperationException");
  });
});

describe("envelopes and encoding", () => {
  it("escapes JSON like Workfront: \\/ , \\u003c and non-ASCII as \\uXXXX", async () => {
    const reply = await api.json("POST", "/optask", { name: "a/b <c> é", projectID: I.website });
    expect(reply.text).toContain('"a\\/b \\u003cc> \\u00e9"');
    expect(reply.json.data.name).toBe("a/b <c> é");
  });

  it("can answer errors with HTTP 200, the envelope still saying error", async () => {
    const legacy = await startWorkfrontSandbox({ errorsWithHttp200: true });
    try {
      const reply = await restClient(legacy.url).get(`/proj/${"f".repeat(32)}`);
      expect(reply.status).toBe(200);
      expect(reply.json.error.class).toBe("com.attask.common.NotFoundException");
      expect(reply.json.data).toBeUndefined();
    } finally {
      await legacy.close();
    }
  });
});

describe("upload and documents", () => {
  it("turns an uploaded file into a document with a current version that downloads", async () => {
    const form = new FormData();
    form.append("uploadedFile", new Blob(["hello, workfront"], { type: "text/plain" }), "hello.txt");
    const uploaded = await call(`${api.prefix}/upload`, { method: "POST", headers: { apiKey: DEMO_API_KEY }, body: form });
    expect(uploaded.json.data.handle).toMatch(/^[0-9a-f]{32}$/);
    const updates = { name: "Hello", handle: uploaded.json.data.handle, docObjCode: "TASK", objID: I.buildTask, currentVersion: { version: "v1.0", fileName: "hello.txt" } };
    const doc = await api.send("POST", "/document", `updates=${encodeURIComponent(JSON.stringify(updates))}&fields=taskID,currentVersion:*`);
    expect(doc.json.data).toMatchObject({ name: "Hello", taskID: I.buildTask, currentVersion: { version: "v1.0", fileName: "hello.txt", docSize: 16, fileType: "text/plain" } });
    const file = await call(`${sb.url}${doc.json.data.downloadURL}`, { headers: { apiKey: DEMO_API_KEY } });
    expect(file.text).toBe("hello, workfront");
    expect(sb.store.journal(doc.json.data.ID).map((e) => e.fields.changeType)).toContain("DW");
    expect((await api.json("POST", "/document", { ...updates, handle: "0".repeat(32) })).json.error.class).toBe("com.attask.common.ValidationException");
  });
});

describe("batch", () => {
  it("answers each entry on its own when not atomic", async () => {
    const reply = await api.form("POST", "/batch", { uri: ["/proj/count?status=CUR", `task/${I.launchTask}?fields=priority`, "/proj/search?bogus=1"], atomic: "false", concurrent: "false" });
    expect(reply.json.data[0]).toEqual({ data: { count: 2 } });
    expect(reply.json.data[1].data).toMatchObject({ ID: I.launchTask, priority: 3 });
    expect(reply.json.data[2].error.message).toBe("APIModel V21_0 does not support field bogus (Project)");
  });

  it("is all-or-nothing when atomic", async () => {
    const create = (name: string, projectID?: string) => `/optask?method=POST&updates=${encodeURIComponent(JSON.stringify({ name, projectID }))}`;
    const failed = await api.form("POST", "/batch", { uri: [create("one", I.website), create("two")], atomic: "true" });
    expect(failed.json.error.class).toBe("com.attask.common.ValidationException");
    expect(sb.store.find("OPTASK", (r) => r.fields.name === "one")).toHaveLength(0);
    const ok = await api.get("/batch", `atomic=true&uri=${encodeURIComponent(create("one", I.website))}&uri=${encodeURIComponent(create("two", I.website))}`);
    expect(ok.json.data).toEqual({ success: true });
    expect(sb.store.find("OPTASK", (r) => r.fields.name === "one" || r.fields.name === "two")).toHaveLength(2);
  });
});

describe("metadata", () => {
  it("lists objects, and per object its fields with types, references, collections and custom fields", async () => {
    const all = (await api.get("/metadata")).json.data.objects;
    expect(all.PROJ).toMatchObject({ objCode: "PROJ", name: "Project" });
    const proj = (await api.get("/proj/metadata")).json.data;
    expect(proj.fields.plannedCompletionDate.fieldType).toBe("dateTime");
    expect(proj.fields.status.possibleValues).toContainEqual({ label: "Current", value: "CUR" });
    expect(proj.references.owner).toMatchObject({ typeObjCode: "USER", fieldType: "User" });
    expect(proj.collections.tasks.typeObjCode).toBe("TASK");
    expect(proj.custom["DE:Channels"]).toMatchObject({ fieldType: "string[]", displayType: "MULTI", possibleValues: expect.arrayContaining([{ label: "Web", value: "Web" }]) });
    expect(proj.operations).toContain("search");
    expect(Object.keys((await api.get("/task/metadata", "fields=collections")).json.data).sort()).toEqual(["collections", "objCode"]);
  });
});
