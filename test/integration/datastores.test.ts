import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

describe.each(dbTargets)("data stores API (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;
  let builder: ApiClient;
  let viewer: ApiClient;

  beforeAll(async () => {
    server = await startServer({ db });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const clients: Record<string, ApiClient> = {};
    for (const role of ["builder", "viewer"] as const) {
      await admin.post("/api/v1/users", { email: `ds-${role}@example.com`, role, password: "a-long-password" });
      clients[role] = new ApiClient(server.url);
      await clients[role].signIn(`ds-${role}@example.com`, "a-long-password");
    }
    builder = clients.builder;
    viewer = clients.viewer;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const makeStore = async (maxBytes = 100_000) => {
    const structure = await builder.post("/api/v1/data-structures", {
      name: "Contacts",
      fields: [
        { name: "name", type: "text", required: true },
        { name: "visits", type: "number", default: 0 },
        { name: "tags", type: "array", items: { type: "text" } },
      ],
    });
    expect(structure.status).toBe(201);
    const store = await builder.post("/api/v1/data-stores", { name: `Contacts ${Math.random()}`, structureId: structure.body.id, maxBytes });
    expect(store.status).toBe(201);
    return { structure: structure.body, store: store.body };
  };

  it("builders create structures (by hand or from a sample) and stores; viewers read but cannot change", async () => {
    const generated = await builder.post("/api/v1/data-structures", { name: "From sample", sample: { id: 1, title: "x", done: false } });
    expect(generated.body.fields).toEqual([
      { name: "id", type: "number" },
      { name: "title", type: "text" },
      { name: "done", type: "boolean" },
    ]);
    const { store } = await makeStore();
    expect(store).toMatchObject({ usedBytes: 0, records: 0, maxBytes: 100_000 });
    expect((await viewer.get(`/api/v1/data-stores/${store.id}`)).status).toBe(200);
    expect((await viewer.get("/api/v1/data-structures")).body.items.length).toBeGreaterThan(0);
    expect((await viewer.post("/api/v1/data-stores", { name: "nope" })).status).toBe(403);
    expect((await viewer.put(`/api/v1/data-stores/${store.id}/records/a`, { data: { name: "a" } })).status).toBe(403);
    expect((await viewer.delete(`/api/v1/data-stores/${store.id}`)).status).toBe(403);
  });

  it("stores, reads, replaces, merges and deletes records; bad records are 422 naming the field", async () => {
    const { store } = await makeStore();
    const base = `/api/v1/data-stores/${store.id}/records`;
    expect((await builder.post(base, { key: "ann", data: { name: "Ann", visits: "3" } })).body).toEqual({ key: "ann", data: { name: "Ann", visits: 3 } });
    expect((await builder.post(base, { key: "ann", data: { name: "Ann" } })).status).toBe(409);
    const bad = await builder.put(`${base}/bob`, { data: { name: "Bob", visits: "lots" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual({ field: "visits" });
    expect((await builder.put(`${base}/ann`, { data: { tags: ["vip"] }, merge: true })).body.data).toEqual({ name: "Ann", visits: 3, tags: ["vip"] });
    expect((await viewer.get(`${base}/ann`)).body).toEqual({ key: "ann", data: { name: "Ann", visits: 3, tags: ["vip"] } });
    expect((await builder.delete(`${base}/ann`)).status).toBe(204);
    expect((await builder.get(`${base}/ann`)).status).toBe(404);
    expect((await builder.get(`/api/v1/data-stores/${store.id}`)).body).toMatchObject({ usedBytes: 0, records: 0 });
  });

  it("reaches records whose keys hold spaces, slashes, percent signs and e-mail addresses", async () => {
    const { store } = await makeStore();
    for (const key of ["ada@example.com", "a/b c", "100% sure", "é ü"]) {
      const path = `/api/v1/data-stores/${store.id}/records/${encodeURIComponent(key)}`;
      expect((await builder.put(path, { data: { name: key } })).body).toEqual({ key, data: { name: key, visits: 0 } });
      expect((await viewer.get(path)).body.key).toBe(key);
      expect((await builder.delete(path)).status).toBe(204);
    }
    expect((await builder.get(`/api/v1/data-stores/${store.id}`)).body.records).toBe(0);
  });

  it("pages, searches and sorts records", async () => {
    const { store } = await makeStore();
    const base = `/api/v1/data-stores/${store.id}/records`;
    for (let i = 1; i <= 7; i++) await builder.put(`${base}/k${i}`, { data: { name: `N${i}`, visits: i % 3 } });
    const page = await viewer.get(`${base}?page=2&pageSize=3&sort=visits&direction=desc`);
    expect(page.body).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(page.body.items.map((r: { key: string }) => r.key)).toEqual(["k4", "k7", "k3"]);
    const filter = JSON.stringify([[{ field: "visits", operator: "number:equal", value: 0 }]]);
    const hits = await viewer.get(`${base}?filter=${encodeURIComponent(filter)}`);
    expect(hits.body.items.map((r: { key: string }) => r.key)).toEqual(["k3", "k6"]);
    expect((await viewer.get(`${base}?q=K7`)).body.items.map((r: { key: string }) => r.key)).toEqual(["k7"]);
    expect((await viewer.get(`${base}?filter=${encodeURIComponent('[[{"field":"x","operator":"nope"}]]')}`)).status).toBe(400);
  });

  it("refuses records over the store's size limit with 413 and the limit", async () => {
    const { store } = await makeStore(1024);
    const res = await builder.put(`/api/v1/data-stores/${store.id}/records/big`, { data: { name: "x".repeat(2000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.details).toMatchObject({ limit: 1024 });
  });

  it("refuses structure edits that would invalidate stored records, but allows adding optional fields", async () => {
    const { structure, store } = await makeStore();
    await builder.put(`/api/v1/data-stores/${store.id}/records/a`, { data: { name: "A", visits: 1 } });
    const breaking = await builder.put(`/api/v1/data-structures/${structure.id}`, { fields: [{ name: "name", type: "number" }] });
    expect(breaking.status).toBe(409);
    const adding = await builder.put(`/api/v1/data-structures/${structure.id}`, { fields: [...structure.fields, { name: "email", type: "text" }] });
    expect(adding.status).toBe(200);
    expect((await builder.delete(`/api/v1/data-structures/${structure.id}`)).status).toBe(409);
  });

  it("imports CSV all-or-nothing with per-row errors, and exports CSV and JSON", async () => {
    const { store } = await makeStore();
    const base = `/api/v1/data-stores/${store.id}/records`;
    const bad = await builder.post(`${base}/import`, { format: "csv", csv: "key,name,visits\na,Ann,1\nb,,2\nc,Cy,many\n" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.rows.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [2, "name"],
      [3, "visits"],
    ]);
    expect((await builder.get(`/api/v1/data-stores/${store.id}`)).body.records).toBe(0);
    const ok = await builder.post(`${base}/import`, { format: "csv", csv: 'key,name,visits,tags\na,Ann,1,"[""x""]"\nb,Bo,2,\n' });
    expect(ok.body).toEqual({ imported: 2 });
    const csv = await viewer.raw(`${base}/export?format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(await csv.text()).toBe('key,name,visits,tags\r\na,Ann,1,"[""x""]"\r\nb,Bo,2,\r\n');
    const json = await viewer.get(`${base}/export?format=json`);
    expect(json.body.records).toEqual([
      { key: "a", data: { name: "Ann", visits: 1, tags: ["x"] } },
      { key: "b", data: { name: "Bo", visits: 2 } },
    ]);
    expect((await builder.post(`${base}/import`, { format: "json", records: [{ key: "a", data: { name: "Again" } }] })).status).toBe(409);
    expect((await builder.post(`${base}/import`, { format: "json", records: [{ key: "a", data: { name: "Again" } }], replace: true })).body).toEqual({ imported: 1 });
  });

  it("empties a store only when confirmed, and names what is wrong in a store's settings", async () => {
    const { store } = await makeStore();
    const base = `/api/v1/data-stores/${store.id}/records`;
    await builder.post(`${base}/import`, { format: "json", records: [{ key: "a", data: { name: "A" } }, { key: "b", data: { name: "B" } }] });
    const unconfirmed = await builder.delete(base);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.details.issues).toEqual([{ path: "confirmed", message: "Add confirmed=true to delete every record of the store." }]);
    expect((await viewer.delete(`${base}?confirmed=true`)).status).toBe(403);
    expect((await builder.delete(`${base}?confirmed=true`)).body).toEqual({ deleted: 2 });
    expect((await builder.get(`/api/v1/data-stores/${store.id}`)).body).toMatchObject({ records: 0, usedBytes: 0 });

    const bad = await builder.post("/api/v1/data-stores", { name: " ", maxBytes: 100 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([
      { path: "name", message: "Give the data store a name." },
      { path: "maxBytes", message: "A data store holds at least 1 KB." },
    ]);
    const badField = await builder.post("/api/v1/data-structures", { name: "Bad", fields: [{ name: "n", type: "number", default: "many" }, { name: "n", type: "text" }] });
    expect(badField.body.error.details.issues).toEqual([
      { path: "fields[0].default", message: "The default of “n” must be a number." },
      { path: "fields[1].name", message: "Field “n” is defined twice." },
    ]);
  });

  it("offers stores and structures by name to the editor's pickers, and shapes outputs with them", async () => {
    const { structure, store } = await makeStore();
    const options = await builder.post("/api/v1/modules/datastore:getRecord/1/options/dataStores", { params: {} });
    expect(options.status).toBe(200);
    expect(options.body.items).toContainEqual({ value: store.id, label: store.name });
    const structures = await builder.post("/api/v1/modules/json:parse/1/options/dataStructures", { params: {} });
    expect(structures.body.items).toContainEqual({ value: structure.id, label: "Contacts" });
    expect((await viewer.post("/api/v1/modules/datastore:getRecord/1/options/dataStores", { params: {} })).status).toBe(403);

    const described = await viewer.get(`/api/v1/modules/datastore:getRecord/1?params=${encodeURIComponent(JSON.stringify({ store: store.id }))}`);
    expect(described.body.fields[0]).toMatchObject({ name: "store", type: "select", dynamicOptions: "dataStores", static: true });
    expect(described.body.output.spec).toEqual([
      { name: "key", label: "Key", type: "text" },
      { name: "exists", label: "Exists", type: "boolean" },
      {
        name: "data",
        label: "Record",
        type: "collection",
        spec: [
          { name: "name", type: "text" },
          { name: "visits", type: "number" },
          { name: "tags", type: "array", of: "text" },
        ],
      },
    ]);

    // Saving checks mappings against the structure: a field it lacks is a warning on the module.
    const saved = await builder.post("/api/v1/scenarios", {
      name: "Look up a contact",
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "flow:manualTrigger", version: 1 },
          { id: 2, module: "datastore:getRecord", version: 1, params: { store: store.id }, mapper: { key: "ann" } },
          { id: 3, module: "json:create", version: 1, mapper: { data: { visits: "{{2.data.visits}}", email: "{{2.data.email}}" } } },
        ],
        links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
      },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.warnings).toEqual([expect.objectContaining({ moduleId: 3, code: "unknown-field", message: 'Module 2 has no output "data.email"' })]);
  });

  it("exports store and structure references by name, and an import matches them by name or reports them missing", async () => {
    const { structure, store } = await makeStore();
    const hook = (await builder.post("/api/v1/webhooks", { name: "References" })).body;
    const source = await builder.post("/api/v1/scenarios", {
      name: "Remember callers",
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: hook.id, structure: structure.id } },
          { id: 2, module: "datastore:addRecord", version: 1, params: { store: store.id, overwrite: true }, mapper: { key: "{{1.name}}", record: { name: "{{1.name}}" } } },
        ],
        links: [{ from: 1, to: 2 }],
      },
    });
    const file = await (await viewer.raw(`/api/v1/scenarios/${source.body.id}/export`)).json();
    expect(file.references).toEqual({
      dataStores: [{ id: store.id, name: store.name }],
      dataStructures: [{ id: structure.id, name: "Contacts" }],
      connections: [],
      webhooks: [{ id: hook.id, name: "References" }],
    });

    // As on another instance: the store exists under the same name with another id; the structure does not.
    // (A webhook is one scenario's, so the copy listens on a fresh one.)
    const hook2 = (await builder.post("/api/v1/webhooks", { name: "References copy" })).body;
    const elsewhere = { ...file, blueprint: { ...file.blueprint, modules: [{ ...file.blueprint.modules[0], params: { webhook: hook2.id, structure: "dst_elsewhere" } }, { ...file.blueprint.modules[1], params: { store: "dts_elsewhere", overwrite: true } }] } };
    elsewhere.references = { dataStores: [{ id: "dts_elsewhere", name: store.name }], dataStructures: [{ id: "dst_elsewhere", name: "Not here" }], webhooks: [{ id: hook2.id, name: "References copy" }] };
    const imported = await builder.post("/api/v1/scenarios/import", elsewhere);
    expect(imported.status).toBe(201);
    expect(imported.body.blueprint.modules.map((m: { params: unknown }) => m.params)).toEqual([{ webhook: hook2.id }, { store: store.id, overwrite: true }]);
    expect(imported.body.references).toEqual({
      matched: [
        { moduleId: 2, param: "store", kind: "dataStore", name: store.name, id: store.id },
        { moduleId: 1, param: "webhook", kind: "webhook", name: "References copy", id: hook2.id },
      ],
      missing: [
        {
          moduleId: 1,
          param: "structure",
          kind: "dataStructure",
          name: "Not here",
          id: "dst_elsewhere",
          message: "Module 1 (Custom webhook): there is no data structure “Not here” here; its “Data structure” setting was cleared. Create it and pick it in the editor.",
        },
      ],
    });
    const stored = (await builder.get(`/api/v1/scenarios/${imported.body.id}`)).body;
    expect(stored.blueprint.modules[0].params).toEqual({ webhook: hook2.id });

    const openapi = (await viewer.get("/api/v1/openapi.json")).body;
    expect(Object.keys(openapi.paths).filter((p: string) => p.startsWith("/data-"))).toEqual([
      "/data-structures",
      "/data-structures/{id}",
      "/data-stores",
      "/data-stores/{id}",
      "/data-stores/{id}/records",
      "/data-stores/{id}/records/{key}",
      "/data-stores/{id}/records/import",
      "/data-stores/{id}/records/export",
    ]);
    expect(Object.keys(openapi.paths["/data-stores/{id}/records"])).toEqual(["get", "post", "delete"]);
  });

  it("a webhook with a data structure refuses calls that do not fit it, and its runs write the store", async () => {
    const { structure, store } = await makeStore();
    const hook = (await builder.post("/api/v1/webhooks", { name: "Shaped" })).body;
    const s = await builder.post("/api/v1/scenarios", {
      name: "Shaped intake",
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: hook.id, structure: structure.id } },
          { id: 2, module: "datastore:updateRecord", version: 1, params: { store: store.id, insertMissing: true }, mapper: { key: "{{1.name}}", record: { name: "{{1.name}}" }, increment: { visits: "{{1.visits}}" } } },
        ],
        links: [{ from: 1, to: 2 }],
      },
    });
    expect(s.body.warnings).toEqual([]);
    await builder.post(`/api/v1/scenarios/${s.body.id}/activate`);
    const call = (body: unknown) => fetch(server.url + hook.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const refused = await call({ visits: 1 });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toBe("The data does not fit the expected structure: Field “name” is required.");
    expect((await call({ name: "Ann", visits: 2, from: "form" })).status).toBe(200);
    const end = Date.now() + 15_000;
    let record = await builder.get(`/api/v1/data-stores/${store.id}/records/Ann`);
    while (record.status === 404 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      record = await builder.get(`/api/v1/data-stores/${store.id}/records/Ann`);
    }
    expect(record.body).toEqual({ key: "Ann", data: { name: "Ann", visits: 2 } });
  });
});

