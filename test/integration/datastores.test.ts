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
});
