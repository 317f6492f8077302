import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

/**
 * The e2e server pins PATCHBAY_SUNSET_TODAY to 2027-01-15 (playwright.config.ts): http:makeRequest v1 and
 * the Workfront v1 modules are deprecated there, not yet sunset.
 */
async function connectionsByType(request: APIRequestContext) {
  const items = (await (await request.get("/api/v1/connections")).json()).items as Array<{ id: string; name: string; type: string }>;
  return { legacy: items.find((c) => c.type === "workfront@1")!, apiKey: items.find((c) => c.type === "workfront@2")! };
}

/** manual trigger → HTTP v1 (GET the app's health) → Workfront custom call v1 (legacy login) → compose text of both. */
function deprecatedScenario(origin: string, legacyConnection: string) {
  return {
    schemaVersion: 1,
    modules: [
      { id: 1, module: "flow:manualTrigger", version: 1, ui: { x: 0, y: 0 } },
      { id: 2, module: "http:makeRequest", version: 1, params: { bodyType: "none" }, mapper: { url: `${origin}/api/health`, method: "GET" }, ui: { x: 260, y: 0 } },
      { id: 3, module: "workfront:customApiCall", version: 1, connection: legacyConnection, mapper: { url: "/proj/search", qs: [{ name: "$$LIMIT", value: "1" }] }, ui: { x: 520, y: 0 } },
      { id: 4, module: "flow:composeText", version: 1, mapper: { text: "{{2.data.status}} · {{length(3.data.data)}} project" }, ui: { x: 780, y: 0 } },
    ],
    links: [
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 4 },
    ],
  };
}

async function createScenario(page: Page, name: string, blueprint: unknown): Promise<string> {
  const res = await page.request.post("/api/v1/scenarios", { data: { name, blueprint } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}

test("a person upgrades a scenario with deprecated HTTP and Workfront modules: badges, preview, apply, run, revert", async ({ page, baseURL }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const { legacy, apiKey } = await connectionsByType(page.request);
  const name = unique("Deprecated HTTP and Workfront");
  const id = await createScenario(page, name, deprecatedScenario(baseURL!, legacy.id));

  // The scenarios list and the scenario page count the outdated modules.
  await page.goto("/scenarios");
  await page.getByLabel("Search by name").fill(name);
  await expect(page.getByTestId("scenario-row").filter({ hasText: name }).getByTestId("version-counts")).toContainText("2 outdated");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("button", { name: "Upgrade whole scenario (2)" })).toBeVisible();
  await page.getByRole("link", { name: "Open editor" }).click();

  // Badges on the canvas; one run on the old versions, so the preview has what v1 really sent.
  await expect(page.getByTestId("version-badge-2")).toContainText("deprecated, sunset 2027-06-01");
  await expect(page.getByTestId("version-badge-3")).toContainText("deprecated, sunset 2027-11-30");
  await page.getByRole("button", { name: "Run once" }).click();
  await expect(page.getByTestId("run-status")).toContainText("error");

  // One module from its badge: the plan and the request preview, then cancel.
  await page.getByTestId("version-badge-2").click();
  const single = page.getByRole("dialog");
  await expect(single.getByRole("heading", { name: "Upgrade module 2" })).toBeVisible();
  const http = single.getByTestId("upgrade-module-2");
  await expect(http.getByTestId("field-diff-row").filter({ hasText: "mapper.body" })).toContainText('{"type":"none"}');
  await expect(http.getByTestId("rewritten-reference")).toContainText("{{2.data.status}}");
  await expect(http.getByTestId("rewritten-reference")).toContainText("{{2.body.status}}");
  await http.getByRole("button", { name: "Preview the request" }).click();
  await expect(http.getByTestId("preview-before")).toContainText(`GET ${baseURL}/api/health`);
  await expect(http.getByTestId("preview-before")).toContainText("sent in that execution");
  await expect(http.getByTestId("preview-after")).toContainText(`GET ${baseURL}/api/health`);
  await single.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The whole scenario: pick the API-key connection for Workfront v2, preview it, apply.
  await page.getByRole("button", { name: "Upgrade whole scenario (2)" }).click();
  const dialog = page.getByRole("dialog");
  const workfront = dialog.getByTestId("upgrade-module-3");
  await expect(workfront.getByTestId("attention-items")).toContainText("API-key (workfront@2) or OAuth2 (workfront@3)");
  await workfront.getByLabel("Connection for v2").selectOption(apiKey.id);
  await workfront.getByRole("button", { name: "Preview the request" }).click();
  await expect(workfront.getByTestId("preview-after")).toContainText("/attask/api/v21.0/proj/search");
  await expect(workfront.getByTestId("preview-after")).toContainText("[redacted]");
  await expect(workfront.getByTestId("preview-before")).toContainText("sent in that execution");
  await dialog.getByRole("button", { name: "Apply 2 upgrades" }).click();
  await expect(dialog.getByTestId("upgrade-result")).toContainText("Upgraded: revision 2");
  await dialog.getByRole("button", { name: "Close" }).click();

  // The editor shows the new revision: no badges; the fields to check are highlighted until edited.
  await expect(page.getByText("revision 2")).toBeVisible();
  await expect(page.getByTestId("version-badge-2")).toHaveCount(0);
  await expect(page.getByTestId("version-badge-3")).toHaveCount(0);
  await page.getByTestId("module-node-2").click();
  const inspector = page.getByTestId("inspector");
  const bodyNote = inspector.getByTestId("attention-2-mapper.body");
  await expect(bodyNote).toContainText("Check “Body” after the upgrade");
  const bodyType = inspector.getByRole("group", { name: "Body", exact: true }).getByRole("combobox", { name: "Body type", exact: true });
  await bodyType.selectOption("raw");
  await expect(bodyNote).toHaveCount(0);
  await bodyType.selectOption("none");
  await expect(bodyNote).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("unsaved changes")).toHaveCount(0);

  await page.getByRole("button", { name: "Run once" }).click();
  await expect(page.getByTestId("run-status")).toContainText("success · 4 operations");
  await page.getByTestId("module-node-4").click();
  await expect(page.getByTestId("module-operations")).toContainText("ok · 1 project");

  // Revert in one click, from the scenario's history.
  await page.goto(`/scenarios/${id}`);
  const upgrade = page.getByTestId("revision").filter({ hasText: "Upgraded 2 modules" });
  await upgrade.getByRole("button", { name: /Revert/ }).click();
  await expect(page.getByTestId("current-revision")).toHaveText("3");
  await expect(page.getByTestId("revision").first()).toContainText("Reverted upgrade");
  await expect(page.getByRole("button", { name: "Upgrade whole scenario (2)" })).toBeVisible();
  const reverted = await (await page.request.get(`/api/v1/scenarios/${id}`)).json();
  expect(reverted.blueprint.modules.map((m: { version: number }) => m.version)).toEqual([1, 1, 1, 1]);
});

test("a person upgrades three scenarios at once in the upgrade center, reads the report, and reverts the run", async ({ page, baseURL }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const names = [unique("Center A"), unique("Center B"), unique("Center C")];
  const httpOnly = (n: number) => ({
    schemaVersion: 1,
    modules: [
      { id: 1, module: "flow:manualTrigger", version: 1 },
      { id: 2, module: "http:makeRequest", version: 1, params: { bodyType: "none" }, mapper: { url: `${baseURL}/api/health?n=${n}`, method: "GET" } },
      { id: 3, module: "flow:composeText", version: 1, mapper: { text: "{{2.data.status}}" } },
    ],
    links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
  });
  for (const [i, name] of names.entries()) await createScenario(page, name, httpOnly(i));

  await page.getByRole("link", { name: "Upgrades" }).click();
  await expect(page.getByRole("heading", { name: "Upgrade center" })).toBeVisible();
  const entry = page.getByTestId("usage-entry").filter({ hasText: "http:makeRequest" });
  await expect(entry).toContainText("deprecated");
  await expect(entry).toContainText("sunset 2027-06-01");
  for (const name of names) await entry.getByRole("checkbox", { name: new RegExp(name) }).check();
  await expect(page.getByTestId("selection-count")).toHaveText("3 scenarios selected");
  await page.getByRole("button", { name: "Plan the upgrade" }).click();

  const plan = page.getByTestId("bulk-plan");
  for (const name of names) await expect(plan.getByTestId("bulk-plan-row").filter({ hasText: name })).toContainText("upgrade, needs attention");
  await page.getByRole("button", { name: "Apply to 3 scenarios" }).click();

  const report = page.getByTestId("run-report");
  await expect(report).toContainText("0 upgraded, 3 need attention, 0 kept");
  for (const name of names) {
    const row = report.getByTestId("run-result").filter({ hasText: name });
    await expect(row).toContainText("needs attention");
    await expect(row).toContainText("Make a request v1 → v2");
    await expect(row).toContainText("Share cookies with other HTTP modules");
  }
  await page.getByRole("button", { name: "Revert this run" }).click();
  await expect(report.getByTestId("run-result").filter({ hasText: "reverted" })).toHaveCount(3);
  await expect(report).toContainText("reverted");
});
