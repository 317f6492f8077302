import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_IDS as I, startWorkfrontSandbox } from "./index";
import { restClient } from "./testkit";

type Sandbox = Awaited<ReturnType<typeof startWorkfrontSandbox>>;
let sb: Sandbox;
let api: ReturnType<typeof restClient>;
let projectID: string;

/** Names of the tasks a query over the test project returns, in answer order. */
async function names(query: string): Promise<string[]> {
  const reply = await api.get("/task/search", `projectID=${projectID}&${query}`);
  expect(reply.status, JSON.stringify(reply.json)).toBe(200);
  return reply.json.data.map((t: { name: string }) => t.name);
}
const sorted = async (query: string) => (await names(query)).sort();

beforeAll(async () => {
  // Fixed clock: $$TODAY is 2026-03-01 in the customer's zone.
  sb = await startWorkfrontSandbox({ now: () => new Date("2026-03-01T19:00:00Z") });
  api = restClient(sb.url);
  projectID = sb.store.create("PROJ", { name: "Query lab" }).ID;
  const task = (name: string, extra: Record<string, unknown>) => sb.store.create("TASK", { name, projectID, ...extra });
  task("Alpha launch", { priority: 1, percentComplete: 10, plannedCompletionDate: "2026-01-10", assignedToID: I.admin, "DE:Deliverables": ["Copy"] });
  task("beta Review", { priority: 2, percentComplete: 50, plannedCompletionDate: "2026-02-10", description: "", "DE:Deliverables": ["Copy", "Design"] });
  task("Gamma", { priority: 3, percentComplete: 100, plannedCompletionDate: "2026-03-10", description: "has text" });
  task("Delta launch", { priority: 4, plannedCompletionDate: "2026-04-10", description: "x", assignments: [{ assignedToID: I.jane }] });
});
afterAll(() => sb.close());

describe("filter modifiers", () => {
  it("eq (the default), ne, cieq", async () => {
    expect(await names("name=Gamma")).toEqual(["Gamma"]);
    expect(await names("name=Gamma&name_Mod=eq")).toEqual(["Gamma"]);
    expect(await sorted("priority=1&priority_Mod=ne")).toEqual(["Delta launch", "Gamma", "beta Review"]);
    expect(await names("name=gamma&name_Mod=cieq")).toEqual(["Gamma"]);
  });

  it("gt, gte, lt, lte compare numbers as numbers", async () => {
    expect(await sorted("priority=2&priority_Mod=gt")).toEqual(["Delta launch", "Gamma"]);
    expect(await sorted("priority=2&priority_Mod=gte")).toEqual(["Delta launch", "Gamma", "beta Review"]);
    expect(await sorted("priority=2&priority_Mod=lt")).toEqual(["Alpha launch"]);
    expect(await sorted("priority=2&priority_Mod=lte")).toEqual(["Alpha launch", "beta Review"]);
    expect(await sorted("percentComplete=9&percentComplete_Mod=gt&percentComplete_1_Sort=asc")).toEqual(["Alpha launch", "Gamma", "beta Review"]);
  });

  it("contains is case-sensitive, cicontains is not, notcontains excludes", async () => {
    expect(await sorted("name=launch&name_Mod=contains")).toEqual(["Alpha launch", "Delta launch"]);
    expect(await names("name=Launch&name_Mod=contains")).toEqual([]);
    expect(await sorted("name=LAUNCH&name_Mod=cicontains")).toEqual(["Alpha launch", "Delta launch"]);
    expect(await sorted("name=launch&name_Mod=notcontains")).toEqual(["Gamma", "beta Review"]);
  });

  it("in and notin take comma lists or repeated values", async () => {
    expect(await sorted("priority=1,3&priority_Mod=in")).toEqual(["Alpha launch", "Gamma"]);
    expect(await sorted("priority=1&priority=3&priority_Mod=in")).toEqual(["Alpha launch", "Gamma"]);
    expect(await sorted("priority=1,3&priority_Mod=notin")).toEqual(["Delta launch", "beta Review"]);
  });

  it("between uses _Range as the inclusive upper bound; dates accept ISO and Workfront formats", async () => {
    expect(await sorted("plannedCompletionDate=2026-02-01&plannedCompletionDate_Mod=between&plannedCompletionDate_Range=2026-03-10T00:00:00:000-0700")).toEqual(["Gamma", "beta Review"]);
    expect(await sorted("plannedCompletionDate=2026-02-10T07:00:00.000Z&plannedCompletionDate_Mod=lte")).toEqual(["Alpha launch", "beta Review"]);
    const noRange = await api.get("/task/search", "priority=1&priority_Mod=between");
    expect(noRange.json.error.message).toBe("priority_Range is required with between");
  });

  it("isnull/notnull look at nulls, isblank also counts empty text", async () => {
    expect(await names("description_Mod=isnull")).toEqual(["Alpha launch"]);
    expect(await sorted("description_Mod=notnull")).toEqual(["Delta launch", "Gamma", "beta Review"]);
    expect(await sorted("description_Mod=isblank")).toEqual(["Alpha launch", "beta Review"]);
    expect(await names("parentID=x&parentID_Mod=isnull&name=Gamma")).toEqual(["Gamma"]);
  });

  it("like/cilike use % and _, startswith is case-sensitive", async () => {
    expect(await sorted("name=%25launch&name_Mod=like")).toEqual(["Alpha launch", "Delta launch"]);
    expect(await names("name=_eta%25&name_Mod=like")).toEqual(["beta Review"]);
    expect(await names("name=_ETA%25&name_Mod=cilike")).toEqual(["beta Review"]);
    expect(await names("name=_ETA%25&name_Mod=like")).toEqual([]);
    expect(await names("name=Del&name_Mod=startswith")).toEqual(["Delta launch"]);
    expect(await names("name=del&name_Mod=startswith")).toEqual([]);
  });

  it("filters through references, collections and custom fields", async () => {
    expect(await names("assignedTo:name=Jane%20Doe")).toEqual(["Delta launch"]);
    expect(await names("assignments:assignedTo:firstName=Jane")).toEqual(["Delta launch"]);
    expect(await sorted("DE:Deliverables=Copy")).toEqual(["Alpha launch", "beta Review"]);
    expect(await names("DE:Deliverables=Copy,Design&DE:Deliverables_Mod=allof")).toEqual(["beta Review"]);
    expect(await names("project:name=Query%20lab&name=Gamma")).toEqual(["Gamma"]);
  });

  it("resolves $$USER and $$TODAY with date arithmetic", async () => {
    expect(await names("assignedToID=$$USER")).toEqual(["Alpha launch"]);
    expect(await sorted("plannedCompletionDate=$$TODAY&plannedCompletionDate_Mod=lt")).toEqual(["Alpha launch", "beta Review"]);
    expect(await sorted("plannedCompletionDate=$$TODAY%2B1m&plannedCompletionDate_Mod=lt")).toEqual(["Alpha launch", "Gamma", "beta Review"]);
  });

  it("ORs OR:n: groups with each other and with the unprefixed filters", async () => {
    const query = [
      "name=Gamma",
      `OR:1:projectID=${projectID}`,
      "OR:1:priority=1",
      `OR:2:projectID=${projectID}`,
      "OR:2:assignedTo:name=jane",
      "OR:2:assignedTo:name_Mod=cicontains",
    ].join("&");
    expect(await sorted(query)).toEqual(["Alpha launch", "Delta launch", "Gamma"]);
  });

  it("accepts filters={json}, and quietly finds nothing for an unknown enum value", async () => {
    expect(await names(`filters=${encodeURIComponent(JSON.stringify({ name: "Gamma" }))}`)).toEqual(["Gamma"]);
    expect(await names("status=ZZZ")).toEqual([]);
  });

  it("rejects unknown fields and modifiers", async () => {
    const unknown = await api.get("/task/search", "nonsense=1");
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toBe("APIModel V21_0 does not support field nonsense (Task)");
    expect((await api.get("/task/search", "name=x&name_Mod=almost")).json.error.class).toBe("com.attask.common.InvalidParameterException");
  });
});

describe("sorting and paging", () => {
  it("sorts asc/desc (case-sensitive) and ciasc, with numbered keys first", async () => {
    expect(await names("name_Sort=asc")).toEqual(["Alpha launch", "Delta launch", "Gamma", "beta Review"]);
    expect(await names("name_Sort=ciasc")).toEqual(["Alpha launch", "beta Review", "Delta launch", "Gamma"]);
    expect(await names("priority_Sort=desc")).toEqual(["Delta launch", "Gamma", "beta Review", "Alpha launch"]);
    // status CPL < INP < NEW, then priority descending among the two INP tasks
    expect(await names("priority_2_Sort=desc&status_1_Sort=asc")).toEqual(["Gamma", "beta Review", "Alpha launch", "Delta launch"]);
  });

  it("pages with $$FIRST and $$LIMIT; count ignores paging", async () => {
    expect(await names("priority_Sort=asc&$$FIRST=1&$$LIMIT=2")).toEqual(["beta Review", "Gamma"]);
    expect((await api.get("/task/count", `projectID=${projectID}&$$LIMIT=1`)).json.data).toEqual({ count: 4 });
  });

  it("returns 100 rows by default and refuses $$LIMIT over 2000 with IllegalArgumentException", async () => {
    const bulk = sb.store.create("PROJ", { name: "Many" }).ID;
    for (let i = 0; i < 120; i++) sb.store.create("OPTASK", { name: `Issue ${i}`, projectID: bulk });
    expect((await api.get("/optask/search", `projectID=${bulk}`)).json.data).toHaveLength(100);
    expect((await api.get("/optask/search", `projectID=${bulk}&$$LIMIT=2000`)).json.data).toHaveLength(120);
    const over = await api.get("/optask/search", `projectID=${bulk}&$$LIMIT=2001`);
    expect(over.status).toBe(400);
    expect(over.json.error.class).toBe("java.lang.IllegalArgumentException");
  });

  it("answers map=true keyed by ID", async () => {
    const reply = await api.get("/task/search", `projectID=${projectID}&name=Gamma&map=true`);
    const [id] = Object.keys(reply.json.data);
    expect(reply.json.data[id]).toMatchObject({ ID: id, name: "Gamma" });
  });
});

describe("fields", () => {
  const gamma = (fields: string) => api.get("/task/search", `projectID=${projectID}&name=Gamma&fields=${encodeURIComponent(fields)}`).then((r) => r.json.data[0]);

  it("returns the default fields, ID/name/objCode first", async () => {
    const task = (await api.get("/task/search", `projectID=${projectID}&name=Gamma`)).json.data[0];
    expect(Object.keys(task).slice(0, 3)).toEqual(["ID", "name", "objCode"]);
    expect(Object.keys(task).sort()).toEqual(
      ["ID", "name", "objCode", "percentComplete", "plannedCompletionDate", "plannedStartDate", "priority", "progressStatus", "projectedCompletionDate", "projectedStartDate", "status", "taskNumber", "wbs"].sort(),
    );
    expect(task.description).toBeUndefined();
  });

  it("adds requested fields; * gives every direct field but no custom values", async () => {
    const task = await gamma("description,projectID");
    expect(task).toMatchObject({ description: "has text", projectID, status: "CPL" });
    const star = await gamma("*");
    expect(star).toMatchObject({ description: "has text", projectID, workRequired: 0 });
    expect(star.parameterValues).toBeUndefined();
    const user = (await api.get(`/user/${I.admin}`, "fields=*")).json.data;
    expect(user.password).toBeUndefined();
    expect((await api.get(`/user/${I.admin}`, "fields=password")).status).toBe(400);
  });

  it("nests references and collections; a bare reference gives ID, name and objCode", async () => {
    const task = await gamma("project,project:owner:name");
    expect(task.project).toEqual({ ID: projectID, name: "Query lab", objCode: "PROJ", owner: { ID: I.admin, name: "Alex Admin", objCode: "USER" } });
    const delta = (await api.get("/task/search", `projectID=${projectID}&name=Delta%20launch&fields=assignments:*`)).json.data[0];
    expect(delta.assignments[0]).toMatchObject({ objCode: "ASSGN", assignedToID: I.jane, isPrimary: true, status: "AA" });
  });

  it("gives DE: values (one-value multi-selects as a string) and parameterValues", async () => {
    const alpha = (await api.get("/task/search", `projectID=${projectID}&name=Alpha%20launch&fields=DE:Deliverables,parameterValues`)).json.data[0];
    expect(alpha["DE:Deliverables"]).toBe("Copy");
    expect(alpha.parameterValues).toEqual({ "DE:Deliverables": "Copy" });
    const beta = (await api.get("/task/search", `projectID=${projectID}&name=beta%20Review&fields=DE:Deliverables,DE:Review Needed`)).json.data[0];
    expect(beta["DE:Deliverables"]).toEqual(["Copy", "Design"]);
    expect("DE:Review Needed" in beta).toBe(false);
  });

  it("rejects unknown fields and paths deeper than 4 levels", async () => {
    expect((await api.get(`/proj/${I.website}`, "fields=statusLabel")).json.error.message).toBe("APIModel V21_0 does not support field statusLabel (Project)");
    expect((await api.get(`/task/${I.blogTask}`, "fields=parent:project:owner:manager:manager:name")).status).toBe(400);
  });
});
