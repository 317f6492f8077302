import { expect, type Page } from "@playwright/test";

/**
 * Steps a person takes in the Workfront and Proof stories, by role and label (the editor is being
 * reworked; these are the few places that know how it draws modules and fields).
 */

/** Connections → Add connection, with an API key; then "Test" must say who it acts as. */
export async function addWorkfrontConnection(page: Page, name: string, host: string, apiKey: string): Promise<void> {
  await page.goto("/connections");
  await page.getByRole("button", { name: "Add connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Type").selectOption("workfront@2");
  await dialog.getByLabel("Name *").fill(name);
  await dialog.getByLabel(/^Host/).fill(host);
  await dialog.getByLabel(/^API key/).fill(apiKey);
  await dialog.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByText(`Saved “${name}”.`)).toBeVisible();
  const row = page.getByTestId("connection-row").filter({ hasText: name });
  await row.getByRole("button", { name: `Test ${name}` }).click();
  await expect(row.getByTestId("test-result")).toContainText("Connected to 127.0.0.1");
}

/** Webhooks → Create webhook; returns its id as the page shows it. */
export async function createWebhook(page: Page, name: string): Promise<{ id: string }> {
  await page.goto("/webhooks");
  await page.getByLabel("Webhook name").fill(name);
  await page.getByRole("button", { name: "Create webhook" }).click();
  const row = page.getByTestId("webhook-row").filter({ hasText: name });
  const id = (await row.locator("code").first().textContent()) ?? "";
  expect(id).toMatch(/^hook_/);
  return { id };
}

/** Adds a module from the palette: searched with `query`, picked by its title; the new module is selected. */
export async function addModule(page: Page, placeholder: "Choose a trigger…" | "Search modules…", query: string, title: string): Promise<void> {
  const palette = page.getByRole("complementary", { name: "Module palette" });
  await palette.getByPlaceholder(placeholder).fill(query);
  await palette.getByRole("listitem").filter({ hasText: title }).first().click();
  await expect(page.getByTestId("inspector")).toContainText(title);
}

/** Picks a connection by its name (the picker adds its status to the label). */
export async function pickConnection(page: Page, name: string): Promise<void> {
  const picker = page.getByTestId("inspector").getByLabel(/^Connection/);
  const option = picker.locator("option", { hasText: name });
  await expect(option).toHaveCount(1);
  await picker.selectOption((await option.getAttribute("value")) ?? "");
}

/** The selected module's field labelled `label` (the label may add "*" for required and "setting" for static fields). */
export function moduleField(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByTestId("inspector").getByLabel(new RegExp(`^${escaped}\\s*\\*?\\s*(setting)?$`));
}

/**
 * Sets the selected module's field as a person would: picks from a list, or types and leaves the field
 * (structured fields commit on blur). Collections and arrays are typed whole, as JSON.
 */
export async function setField(page: Page, label: string, value: string): Promise<void> {
  // Lists loaded through the connection turn the field into a picker once they arrive.
  await expect(page.getByTestId("inspector").getByText("Loading options…")).toHaveCount(0);
  const group = page.getByTestId("inspector").getByRole("group", { name: label, exact: true });
  if ((await group.count()) > 0) await group.getByRole("button", { name: "Edit the whole value at once" }).last().click();
  const field = moduleField(page, label);
  if ((await field.evaluate((el) => el.tagName)) === "SELECT") {
    await field.selectOption(value);
    return;
  }
  await field.fill(value);
  await field.blur();
}

/** In the editor: saves with a message; the saved scenario has no warnings and these modules, in order. */
export async function saveScenario(page: Page, scenarioId: string, message: string, modules: string[]): Promise<void> {
  await page.getByLabel("Revision message").fill(message);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/revision \d+$/)).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/scenarios/${scenarioId}`)).json();
  expect(saved.warnings).toEqual([]);
  expect(saved.blueprint.modules.map((m: { module: string }) => m.module)).toEqual(modules);
}

/** From the editor back to the scenario's page, and Activate. */
export async function activateFromEditor(page: Page, scenarioName: string): Promise<void> {
  await page.getByRole("link", { name: `← ${scenarioName}` }).click();
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("active", { exact: true })).toBeVisible();
}

/** On the Workfront sandbox page: opens a task and saves one change to it, as a person would. */
export async function editSandboxTask(page: Page, task: string, change: (page: Page) => Promise<void>, shows: string): Promise<string> {
  await page.goto("/sandbox/workfront/");
  await page.getByRole("link", { name: task }).click();
  await change(page);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("cell", { name: shows, exact: true }).first()).toBeVisible();
  return page.url();
}

/** Its latest run succeeded; then the person switches the scenario off again. */
export async function lastRunSucceededThenDeactivate(page: Page, scenarioId: string): Promise<void> {
  await page.goto(`/scenarios/${scenarioId}`);
  await expect(page.getByTestId("execution-row").first()).toContainText("success", { timeout: 20_000 });
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("button", { name: "Activate" })).toBeVisible();
}

