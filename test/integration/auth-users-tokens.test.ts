import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

describe.each(dbTargets)("sign-in, users and tokens (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer({ db });
    admin = new ApiClient(server.url);
    expect(await admin.signIn(ADMIN.email, ADMIN.password)).toEqual({ ok: true });
  });
  afterAll(async () => server?.stop());

  async function newUser(role: "admin" | "builder" | "viewer", password = "a-long-password") {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const res = await admin.post("/api/v1/users", { email, role, password });
    expect(res.status).toBe(201);
    const client = new ApiClient(server.url);
    return { id: res.body.user.id as string, email, password, client };
  }

  it("creates the first admin from the environment and never returns password hashes", async () => {
    const me = await admin.get("/api/v1/me");
    expect(me.body).toMatchObject({ email: ADMIN.email, role: "admin" });
    const users = await admin.get("/api/v1/users");
    expect(users.status).toBe(200);
    expect(JSON.stringify(users.body)).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it("redirects signed-out page visits to sign-in and answers 401 on the API", async () => {
    const anon = new ApiClient(server.url);
    const page = await anon.raw("/admin/users");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/sign-in?callbackUrl=%2Fadmin%2Fusers");
    const api = await anon.get("/api/v1/scenarios");
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe("unauthorized");
  });

  it("refuses wrong passwords, then slows down an account after 10 failures a minute", async () => {
    const user = await newUser("builder");
    for (let i = 0; i < 10; i++) {
      const attempt = await new ApiClient(server.url).signIn(user.email, "wrong-password");
      expect(attempt).toEqual({ ok: false, error: "The e-mail or password is not correct." });
    }
    const locked = await user.client.signIn(user.email, user.password);
    expect(locked.ok).toBe(false);
    expect(locked.error).toMatch(/Too many failed sign-in attempts/);
    // Another account is not affected.
    const other = await newUser("viewer");
    expect(await other.client.signIn(other.email, other.password)).toEqual({ ok: true });
  });

  it("lets admins create, re-role, disable and re-enable users; disabled users are locked out at once", async () => {
    const user = await newUser("viewer");
    expect(await user.client.signIn(user.email, user.password)).toEqual({ ok: true });
    expect((await user.client.get("/api/v1/me")).body.role).toBe("viewer");

    const promoted = await admin.patch(`/api/v1/users/${user.id}`, { role: "builder" });
    expect(promoted.body).toMatchObject({ role: "builder", status: "active" });
    expect((await user.client.get("/api/v1/me")).body.role).toBe("builder");

    expect((await admin.patch(`/api/v1/users/${user.id}`, { disabled: true })).body.status).toBe("disabled");
    expect((await user.client.get("/api/v1/me")).status).toBe(401);
    const again = await new ApiClient(server.url).signIn(user.email, user.password);
    expect(again.error).toMatch(/disabled/);

    expect((await admin.patch(`/api/v1/users/${user.id}`, { disabled: false })).body.status).toBe("active");
    expect((await user.client.get("/api/v1/me")).status).toBe(200);
  });

  it("never lets the last admin be demoted or disabled", async () => {
    const me = (await admin.get("/api/v1/me")).body;
    const users = (await admin.get("/api/v1/users")).body.items as Array<{ id: string; role: string; status: string }>;
    // Make sure this admin is the only active one for this check.
    for (const u of users) {
      if (u.id !== me.id && u.role === "admin" && u.status === "active") {
        await admin.patch(`/api/v1/users/${u.id}`, { role: "builder" });
      }
    }
    const demote = await admin.patch(`/api/v1/users/${me.id}`, { role: "viewer" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last active admin/);
    const disable = await admin.patch(`/api/v1/users/${me.id}`, { disabled: true });
    expect(disable.status).toBe(409);
    expect((await admin.get("/api/v1/me")).body.role).toBe("admin");

    const second = await newUser("admin");
    const nowAllowed = await admin.patch(`/api/v1/users/${second.id}`, { role: "builder" });
    expect(nowAllowed.status).toBe(200);
  });

  it("invites a user who then chooses a password through a one-time link", async () => {
    const email = `invitee-${Date.now()}@example.com`;
    const res = await admin.post("/api/v1/users", { email, role: "builder" });
    expect(res.status).toBe(201);
    expect(res.body.user.status).toBe("invited");
    const token = (res.body.invitePath as string).replace("/invite/", "");
    const anon = new ApiClient(server.url);
    expect((await anon.get(`/api/v1/invites/${token}`)).body).toEqual({ email });
    expect((await anon.signIn(email, "whatever-password")).ok).toBe(false);
    const short = await anon.post(`/api/v1/invites/${token}`, { password: "short" });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/at least 10 characters/);
    expect((await anon.post(`/api/v1/invites/${token}`, { password: "my-new-password" })).status).toBe(200);
    expect(await anon.signIn(email, "my-new-password")).toEqual({ ok: true });
    expect((await anon.post(`/api/v1/invites/${token}`, { password: "another-password" })).status).toBe(404);
  });

  it("validates user input and refuses duplicates", async () => {
    const bad = await admin.post("/api/v1/users", { email: "not-an-email", role: "builder" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("email");
    const badRole = await admin.post("/api/v1/users", { email: "x@example.com", role: "owner" });
    expect(badRole.status).toBe(400);
    const dup = await admin.post("/api/v1/users", { email: ADMIN.email.toUpperCase(), role: "viewer" });
    expect(dup.status).toBe(409);
    expect((await admin.patch("/api/v1/users/usr_missing", { role: "viewer" })).status).toBe(404);
  });

  it("keeps user administration to admins", async () => {
    const builder = await newUser("builder");
    await builder.client.signIn(builder.email, builder.password);
    expect((await builder.client.get("/api/v1/users")).status).toBe(403);
    expect((await builder.client.post("/api/v1/users", { email: "y@example.com", role: "admin" })).status).toBe(403);
    expect((await builder.client.patch(`/api/v1/users/${builder.id}`, { role: "admin" })).status).toBe(403);
  });

  it("issues personal API tokens that are shown once, stored hashed, carry the user's role and can be revoked", async () => {
    const viewer = await newUser("viewer");
    await viewer.client.signIn(viewer.email, viewer.password);
    const created = await viewer.client.post("/api/v1/tokens", { name: "reporting" });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^pb_[A-Za-z0-9_-]{40,}$/);

    const listed = await viewer.client.get("/api/v1/tokens");
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body.items[0].prefix).toBe(token.slice(0, 10));

    const bearer = new ApiClient(server.url, token);
    expect((await bearer.get("/api/v1/me")).body.email).toBe(viewer.email);
    expect((await bearer.get("/api/v1/scenarios")).status).toBe(200);
    expect((await bearer.post("/api/v1/scenarios", { name: "nope" })).status).toBe(403);

    // Another user cannot revoke it; its owner can.
    expect((await admin.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(404);
    expect((await viewer.client.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    const after = await bearer.get("/api/v1/me");
    expect(after.status).toBe(401);
    expect((await new ApiClient(server.url, "pb_made-up").get("/api/v1/me")).status).toBe(401);
    expect((await viewer.client.post("/api/v1/tokens", { name: "  " })).status).toBe(400);
  });
});
