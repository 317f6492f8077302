import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

test("an admin adds an API-key connection, tests it, sees a wrong key's remote error, and a builder cannot see its secret", async ({ page, browser, baseURL }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  // The remote API for this test is Patchbay's own: a personal token is a perfectly real API key.
  const token = (await (await page.request.post("/api/v1/tokens", { data: { name: "connection target" } })).json()).token as string;
  const name = unique("Own API");

  await page.getByRole("link", { name: "Connections" }).click();
  await page.getByRole("button", { name: "Add connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Type").selectOption("http-apikey@1");
  await dialog.getByLabel("Name *").fill(name);
  await dialog.getByLabel("API key *").fill(`Bearer ${token}`);
  await dialog.getByLabel("API key parameter name").fill("Authorization");
  await dialog.getByLabel(/Verification URL/).fill(`${baseURL}/api/v1/me`);
  await dialog.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByText(`Saved “${name}”.`)).toBeVisible();

  const row = page.getByTestId("connection-row").filter({ hasText: name });
  await row.getByRole("button", { name: `Test ${name}` }).click();
  await expect(row.getByTestId("test-result")).toContainText("Connection works");
  await expect(row.getByText("verified", { exact: true })).toBeVisible();

  await row.getByRole("button", { name: `Edit ${name}` }).click();
  await expect(dialog.getByText(/Stored \(ends …/)).toBeVisible();
  await dialog.getByLabel("API key *").fill("Bearer pb_this-is-not-a-valid-token");
  await dialog.getByRole("button", { name: "Save" }).click();
  await row.getByRole("button", { name: `Test ${name}` }).click();
  await expect(row.getByTestId("test-result")).toContainText("The API token is invalid, revoked, or its user is disabled.");
  await expect(row.getByText("failing", { exact: true })).toBeVisible();

  // A builder sees the connection's name and type, never its values.
  const email = `builder-${Date.now()}@example.com`;
  await page.request.post("/api/v1/users", { data: { email, role: "builder", password: "builder-password-1" } });
  const context = await browser.newContext();
  const builder = await context.newPage();
  await signIn(builder, email, "builder-password-1");
  await builder.getByRole("link", { name: "Connections" }).click();
  const seen = builder.getByTestId("connection-row").filter({ hasText: name });
  await expect(seen).toContainText("http-apikey@1");
  await expect(builder.getByRole("button", { name: `Edit ${name}` })).toHaveCount(0);
  await expect(builder.getByRole("button", { name: "Add connection" })).toHaveCount(0);
  const listed = await (await builder.request.get("/api/v1/connections")).text();
  expect(listed).toContain(name);
  expect(listed).not.toContain(token.slice(-12));
  expect(listed).not.toContain("Authorization");

  // …and picks it for a module in the editor, by name.
  const scenario = await (await builder.request.post("/api/v1/scenarios", { data: { name: unique("Uses the API") } })).json();
  await builder.goto(`/scenarios/${scenario.id}/edit`);
  const palette = builder.getByRole("complementary", { name: "Module palette" });
  await palette.getByPlaceholder("Choose a trigger…").fill("api key request");
  await palette.getByRole("listitem").filter({ hasText: "Make an API Key request" }).click();
  await builder.getByLabel("Connection *").selectOption({ label: `${name} (failing)` });
  await builder.getByTestId("inspector").getByLabel("URL").fill(`${baseURL}/api/v1/me`);
  await builder.getByRole("button", { name: "Save" }).click();
  await expect(builder.getByText("revision 2")).toBeVisible();
  const saved = await (await builder.request.get(`/api/v1/scenarios/${scenario.id}`)).json();
  const picked = (await (await builder.request.get("/api/v1/connections")).json()).items.find((c: { name: string }) => c.name === name);
  expect(saved.blueprint.modules[0].connection).toBe(picked.id);
  await context.close();
});
