import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, isDistributed, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

const run = promisify(execFile);
const SECRET = "sk-rotate-me-0123456789-wxyz";

describe.each(dbTargets.filter((t) => !isDistributed(t)))("secret key (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer({ db });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => server?.stop());

  const script = (name: string, env: Record<string, string> = {}) =>
    run(process.execPath, ["--import", "tsx", `scripts/${name}.ts`], { env: { ...process.env, ...server.env, ...env }, cwd: process.cwd() });

  it("keeps the key file private, re-seals every secret with a new key, and refuses to start with the old one", async () => {
    const keyFile = path.join(server.dataDir, "secret.key");
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const created = await admin.post("/api/v1/connections", { name: "Rotating", type: "http-apikey@1", values: { key: SECRET } });
    expect(created.status).toBe(201);
    const oldKey = fs.readFileSync(keyFile, "utf8");
    const total = (await admin.get("/api/v1/connections")).body.items.length;

    await server.stopProcess();
    const { stdout } = await script("rotate-secret-key");
    expect(stdout).toContain(`Re-sealed the secrets of ${total} connections with a new key.`);
    const newKey = fs.readFileSync(keyFile, "utf8");
    expect(newKey).not.toBe(oldKey);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    // The old key no longer opens anything: a clear start-up error, never a silent reset.
    fs.writeFileSync(keyFile, oldKey, { mode: 0o600 });
    await expect(server.startProcess()).rejects.toThrow(/does not match the one this instance's connections were sealed with/);
    fs.rmSync(keyFile);
    await expect(server.startProcess()).rejects.toThrow(/there is no key to open them/);

    fs.writeFileSync(keyFile, newKey, { mode: 0o600 });
    await server.startProcess();
    await admin.signIn(ADMIN.email, ADMIN.password);
    const after = await admin.get(`/api/v1/connections/${created.body.id}`);
    expect(after.body.secretHints.key).toBe(`…${SECRET.slice(-4)}`);
  });
});
