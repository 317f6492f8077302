import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signIn, signOut, unique } from "./helpers";

test("a signed-out visitor lands on the sign-in page, and a wrong password is explained", async ({ page }) => {
  await page.goto("/scenarios");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fscenarios/);
  await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toHaveText("The e-mail or password is not correct.");
});

test("an admin creates, renames and restores a scenario, then signs out", async ({ page }) => {
  const name = unique("Task sync");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);

  await page.getByRole("button", { name: "Create scenario" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("revision")).toHaveCount(1);

  const renamed = `${name} renamed`;
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByLabel("Revision message (optional)").fill("Clearer name");
  await page.keyboard.press("Tab");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved as revision 2.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(page.getByTestId("revision")).toHaveCount(2);
  await expect(page.getByTestId("revision").first()).toContainText("Clearer name");

  await page.getByRole("button", { name: "Restore revision 1" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("revision")).toHaveCount(3);
  await expect(page.getByTestId("revision").first()).toContainText("Restored revision 1");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("current-revision")).toHaveText("3");

  // The list shows the restored name; a reload finds the same state on the server.
  await page.getByRole("link", { name: "Scenarios", exact: true }).first().click();
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();

  await signOut(page);
  await page.goto("/scenarios");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an admin deletes a scenario after confirming", async ({ page }) => {
  const name = unique("Disposable");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const created = await page.request.post("/api/v1/scenarios", { data: { name } });
  expect(created.status()).toBe(201);
  await page.goto("/scenarios");
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("a viewer sees scenarios read-only and the API refuses their writes", async ({ page, browser }) => {
  const viewerEmail = `viewer-${Date.now()}@example.com`;
  const viewerPassword = "viewer-password-1";
  const name = unique("Shared");

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.request.post("/api/v1/scenarios", { data: { name } });
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("E-mail").fill(viewerEmail);
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByLabel("Set it now").check();
  await dialog.getByLabel("Initial password").fill(viewerPassword);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText(`Created ${viewerEmail}.`)).toBeVisible();

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, viewerEmail, viewerPassword);
  await expect(viewer.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Create scenario" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Users" })).toHaveCount(0);

  await viewer.getByRole("link", { name, exact: true }).click();
  await expect(viewer.getByText("read-only")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete" })).toHaveCount(0);

  const denied = await viewer.request.post("/api/v1/scenarios", { data: { name: "Not allowed" } });
  expect(denied.status()).toBe(403);
  expect((await denied.json()).error.code).toBe("forbidden");
  const list = await viewer.request.get("/api/v1/scenarios?query=Not%20allowed");
  expect((await list.json()).total).toBe(0);
  await viewerContext.close();
});

test("a person creates an API token, sees it once, and revokes it", async ({ page, playwright }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("link", { name: "My tokens" }).click();
  await page.getByLabel("Token name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^pb_/);

  const api = await playwright.request.newContext({ baseURL: page.url().replace(/\/settings.*$/, "") });
  const ok = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect((await ok.json()).email).toBe(E2E_ADMIN.email);

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await page.getByRole("button", { name: "Revoke e2e script" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("token-row").filter({ hasText: "e2e script" })).toHaveCount(0);
  const revoked = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
  await api.dispose();
});
