import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { ApiClient } from "./client";
import { ADMIN } from "./server";

/** Answers every request with JSON `{ x, method }`, x taken from the JSON body it was sent. */
export function startEcho() {
  const server = http.createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    let x: unknown = null;
    try {
      x = (JSON.parse(text) as { x?: unknown }).x ?? null;
    } catch {
      /* not JSON: x stays null */
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ x, method: req.method }));
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/** manual trigger → http:makeRequest v1 (raw JSON body, sends {"x": <x>}) → compose text reading {{2.data.x}}. */
export const httpV1Blueprint = (echoUrl: string, x = "hello") => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "flow:manualTrigger", version: 1 },
    {
      id: 2,
      module: "http:makeRequest",
      version: 1,
      params: { bodyType: "raw" },
      mapper: { url: `${echoUrl}/echo`, method: "POST", contentType: "application/json", data: `{"x": "${x}"}` },
    },
    { id: 3, module: "flow:composeText", version: 1, mapper: { text: "got {{2.data.x}}" } },
  ],
  links: [
    { from: 1, to: 2 },
    { from: 2, to: 3 },
  ],
});

export async function finished(client: ApiClient, id: string) {
  for (let i = 0; i < 300; i++) {
    const res = await client.get(`/api/v1/executions/${id}`);
    if (!["queued", "running"].includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`execution ${id} did not finish`);
}

/** Runs the scenario's current revision once and returns the finished execution. */
export async function runOnce(client: ApiClient, scenarioId: string) {
  const queued = await client.post(`/api/v1/scenarios/${scenarioId}/run`, {});
  expect(queued.status, JSON.stringify(queued.body)).toBe(202);
  return finished(client, queued.body.id);
}

/** What module `moduleId` output first in a finished execution. */
export const firstOutput = (execution: { log: Array<{ moduleId: number; output?: unknown[] }> }, moduleId: number) =>
  execution.log.find((e) => e.moduleId === moduleId)?.output?.[0] as Record<string, unknown> | undefined;

/** The admin, plus a builder and a viewer it creates, each signed in with a cookie session. */
export async function signInRoles(url: string, roles: ReadonlyArray<"builder" | "viewer"> = ["builder", "viewer"]) {
  const admin = new ApiClient(url);
  await admin.signIn(ADMIN.email, ADMIN.password);
  const signed: Partial<Record<"builder" | "viewer", ApiClient>> = {};
  for (const role of roles) {
    await admin.post("/api/v1/users", { email: `${role}@example.com`, role, password: "a-long-password" });
    const client = new ApiClient(url);
    await client.signIn(`${role}@example.com`, "a-long-password");
    signed[role] = client;
  }
  return { admin, builder: signed.builder!, viewer: signed.viewer! };
}

/** The demo connections every fresh server with sandboxes has, by type ("workfront@2", "proof@1", …). */
export async function demoConnection(admin: ApiClient, type: string): Promise<string> {
  const items = (await admin.get("/api/v1/connections")).body.items as Array<{ id: string; type: string }>;
  return items.find((c) => c.type === type)!.id;
}
