import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";
import { activateFromEditor, addModule, createWebhook, editSandboxTask, lastRunSucceededThenDeactivate, moduleField, pickConnection, saveScenario, setField } from "./workfront-helpers";

// The connections the embedded default creates on first start, pointing at its own sandboxes.
const WORKFRONT = "Workfront sandbox (API key)";
const PROOF = "Workfront Proof sandbox (demo)";

test("a person sends completed Workfront tasks to Proof: Watch events → Create a proof from a web page → Add reviewers", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const hook = await createWebhook(page, unique("Completed tasks"));
  const scenarioName = unique("Completed task → proof");
  const scenario = await (await page.request.post("/api/v1/scenarios", { data: { name: scenarioName } })).json();
  await page.goto(`/scenarios/${scenario.id}/edit`);

  // 1. Watch events: a task whose status changed to Complete.
  await addModule(page, "Choose a trigger…", "watch events", "Watch events");
  await pickConnection(page, WORKFRONT);
  await setField(page, "Webhook", hook.id);
  await moduleField(page, "Record type").selectOption("TASK");
  await setField(
    page,
    "Event filters",
    JSON.stringify([
      { fieldName: "status", comparison: "eq", fieldValue: "CPL", state: "newState" },
      { fieldName: "status", comparison: "changed", state: "newState" },
    ]),
  );

  // 2. Create a proof of a web page, named after the task.
  await addModule(page, "Search modules…", "proof create a proof", "Create a proof");
  await pickConnection(page, PROOF);
  await moduleField(page, "Source").selectOption("web");
  await setField(page, "Web page URL", "https://example.com/launch-checklist");
  await setField(page, "Proof name", `{{1.newState.name}} (${scenarioName})`);

  // 3. Add reviewers to it.
  const reviewers = [
    { email: "rita.reviewer@example.com", name: "Rita Reviewer" },
    { email: "andy.approver@example.com", name: "Andy Approver" },
  ];
  for (const reviewer of reviewers) {
    await addModule(page, "Search modules…", "proof add a reviewer", "Add a reviewer");
    await pickConnection(page, PROOF);
    await setField(page, "Proof ID", "{{2.file_id}}");
    await setField(page, "E-mail address", reviewer.email);
    await setField(page, "Name", reviewer.name);
  }

  await saveScenario(page, scenario.id, "Completed tasks become proofs", ["workfront:watchEvents", "proof:createProof", "proof:addReviewer", "proof:addReviewer"]);
  await activateFromEditor(page, scenarioName);

  // A person completes a task on the Workfront sandbox page…
  await editSandboxTask(page, "Inventory servers", (p) => p.getByLabel("Status").selectOption("CPL").then(() => undefined), "CPL");

  // …and the proof appears in the Proof sandbox, with its reviewers.
  const proofName = `Inventory servers (${scenarioName})`;
  await expect(async () => {
    await page.goto("/sandbox/proof/");
    await expect(page.getByRole("row").filter({ hasText: proofName })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const row = page.getByRole("row").filter({ hasText: proofName });
  for (const reviewer of reviewers) await expect(row.getByRole("link", { name: reviewer.name })).toBeVisible();
  await row.getByRole("link", { name: proofName }).click();
  await expect(page.getByRole("heading", { name: proofName })).toBeVisible();
  await expect(page.getByText("https://example.com/launch-checklist")).toBeVisible();
  for (const reviewer of reviewers) await expect(page.getByRole("listitem").filter({ hasText: reviewer.name })).toContainText("role 5");

  await lastRunSucceededThenDeactivate(page, scenario.id);
});
