import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";
import { activateFromEditor, addModule, addWorkfrontConnection, createWebhook, editSandboxTask, lastRunSucceededThenDeactivate, moduleField, pickConnection, saveScenario, setField } from "./workfront-helpers";

test("a person connects to the Workfront sandbox with an API key, builds Watch events → Read → Create a note, and sees it run when a task is edited", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);

  // The sandbox's page says what to type in: the host, and an API key for a user's login.
  await page.goto("/sandbox/workfront/");
  const host = (await page.getByTestId("sandbox-host").textContent()) ?? "";
  expect(host).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/workfront$/);
  await page.getByLabel("Password").fill("sandbox-admin");
  await page.getByRole("button", { name: "Show API key" }).click();
  const apiKey = (await page.getByTestId("api-key").textContent()) ?? "";
  expect(apiKey).toMatch(/^[a-z0-9]{32}$/);

  const connectionName = unique("Workfront sandbox");
  await addWorkfrontConnection(page, connectionName, host, apiKey);
  const hook = await createWebhook(page, unique("Workfront task events"));

  const scenarioName = unique("Task updates → note");
  const scenario = await (await page.request.post("/api/v1/scenarios", { data: { name: scenarioName } })).json();
  await page.goto(`/scenarios/${scenario.id}/edit`);

  // 1. Watch events: task updated.
  await addModule(page, "Choose a trigger…", "watch events", "Watch events");
  await pickConnection(page, connectionName);
  const inspector = page.getByTestId("inspector");
  await setField(page, "Webhook", hook.id);
  await moduleField(page, "Record type").selectOption("TASK");
  await expect(moduleField(page, "Event")).toHaveValue("UPDATE");

  // 2. Read a record: the task that changed, with its project. Record types come from the connection.
  await addModule(page, "Search modules…", "workfront read a record", "Read a record");
  await pickConnection(page, connectionName);
  // Loaded through the chosen connection as soon as there is one.
  await expect(inspector.locator("datalist option[value='TASK']")).toHaveCount(1);
  await setField(page, "Record type", "TASK");
  await setField(page, "ID", "{{1.ID}}");

  // 3. Create a record: a note on that task.
  await addModule(page, "Search modules…", "workfront create a record", "Create a record");
  await pickConnection(page, connectionName);
  await setField(page, "Record type", "NOTE");
  const noteText = `Patchbay: {{2.name}} is {{2.percentComplete}}% done (${scenarioName})`;
  await setField(page, "Fields", JSON.stringify([{ name: "noteObjCode", value: "TASK" }, { name: "objID", value: "{{1.ID}}" }, { name: "noteText", value: noteText }]));

  await saveScenario(page, scenario.id, "Watch task updates, note them on the task", ["workfront:watchEvents", "workfront:readRecord", "workfront:createRecord"]);
  await activateFromEditor(page, scenarioName);

  // A person edits a task on the sandbox page…
  const taskUrl = await editSandboxTask(page, "Draft email copy", (p) => p.getByLabel("% complete").fill("55"), "55");
  // …sees the note the scenario added to it…
  await expectNote(page, taskUrl, `Patchbay: Draft email copy is 55% done (${scenarioName})`);
  // …and the execution in Patchbay.
  await lastRunSucceededThenDeactivate(page, scenario.id);
});

async function expectNote(page: Page, taskUrl: string, text: string): Promise<void> {
  await expect(async () => {
    await page.goto(taskUrl);
    await expect(page.getByRole("listitem").filter({ hasText: text })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}
