import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

const trigger = { id: 1, module: "flow:manualTrigger", version: 1 };
const createJson = (id: number, data: unknown) => ({ id, module: "json:create", version: 1, mapper: { data } });

async function createScenario(request: APIRequestContext, name: string, blueprint: unknown): Promise<{ id: string; name: string; revision: number }> {
  const res = await request.post("/api/v1/scenarios", { data: { name, blueprint } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

async function blueprintOf(request: APIRequestContext, id: string) {
  return (await (await request.get(`/api/v1/scenarios/${id}`)).json()).blueprint;
}

async function finished(request: APIRequestContext, executionId: string): Promise<{ status: string }> {
  for (let i = 0; i < 100; i++) {
    const e = await (await request.get(`/api/v1/executions/${executionId}`)).json();
    if (!["queued", "running"].includes(e.status)) return e;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`execution ${executionId} did not finish`);
}

/** The toolbar's "revision N" (and nothing else that mentions a revision). */
const revisionLabel = (page: Page, n: number) => page.getByText(new RegExp(`^revision ${n}( · unsaved changes)?$`));

/** Kept with the run's artifacts (and the HTML report) so the views can be looked at after CI. */
async function keepScreenshot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
  await test.info().attach(name, { path, contentType: "image/png" });
}

async function setData(page: Page, moduleId: number, json: string) {
  await page.getByTestId(`module-node-${moduleId}`).click();
  const data = page.getByTestId("inspector").getByLabel("Data");
  await data.fill(json);
  await data.blur();
}

test("history lists revisions, compares two side by side, refuses to restore over unsaved work, and restores", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const scenario = await createScenario(page.request, unique("History"), {
    schemaVersion: 1,
    modules: [trigger, createJson(2, { step: "one" })],
    links: [{ from: 1, to: 2 }],
  });
  const second = await page.request.put(`/api/v1/scenarios/${scenario.id}`, {
    data: { baseRevision: 1, message: "Second step", blueprint: { schemaVersion: 1, modules: [trigger, createJson(2, { step: "two" })], links: [{ from: 1, to: 2 }] } },
  });
  expect(second.status()).toBe(200);
  const revision2 = await blueprintOf(page.request, scenario.id);

  await page.goto(`/scenarios/${scenario.id}/edit`);
  await expect(revisionLabel(page, 2)).toBeVisible();
  const palette = page.getByRole("complementary", { name: "Module palette" });
  await palette.getByPlaceholder("Search modules…").fill("create json");
  await palette.getByRole("listitem").filter({ hasText: "Create JSON" }).click();
  await expect(page.getByTestId("module-node-3")).toBeVisible();
  await setData(page, 3, '{"step": "three"}');

  // Restoring now would throw the new module away: refused, with the reason.
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("tab", { name: "History" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("button", { name: "Restore revision 1" }).click();
  await expect(page.getByTestId("history-panel").getByRole("alert")).toContainText("unsaved changes. Save them first");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Ctrl+S saves, with the message typed in the toolbar.
  await page.getByLabel("Revision message").fill("Added a third module");
  await page.keyboard.press("Control+s");
  await expect(revisionLabel(page, 3)).toBeVisible();
  const rows = page.getByTestId("revision-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText("Added a third module");
  await expect(rows.first()).toContainText("Admin ·");
  await expect(rows.first()).toContainText("current");

  await page.getByLabel("Select revision 1 to compare").check();
  await page.getByLabel("Select revision 3 to compare").check();
  await page.getByRole("button", { name: "Compare 1 and 3" }).click();
  const diff = page.getByTestId("revision-diff");
  await expect(diff.getByTestId("diff-summary")).toHaveText("1 module added, 1 module changed, 1 link added.");
  await expect(diff).toContainText("Revision 1: Created");
  await expect(diff).toContainText("Revision 3: Added a third module");
  await expect(diff.getByTestId("diff-module-3")).toHaveAttribute("data-status", "added");
  await expect(diff.getByTestId("diff-module-2")).toHaveAttribute("data-status", "changed");
  const changed = diff.getByTestId("diff-module-2").getByRole("row", { name: /mapper\.data \(changed\)/ });
  await expect(changed.getByRole("cell").nth(0)).toContainText('"step": "one"');
  await expect(changed.getByRole("cell").nth(1)).toContainText('"step": "two"');
  await expect(diff.getByTestId("diff-module-1")).toHaveCount(0);
  await diff.getByLabel("Show unchanged modules").check();
  await expect(diff.getByTestId("diff-module-1")).toHaveAttribute("data-status", "unchanged");
  await expect(diff.getByTestId("diff-link-2-3")).toContainText("added");
  await keepScreenshot(page, "revision-diff");
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();

  await page.getByRole("button", { name: "Restore revision 2" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore" }).click();
  await expect(revisionLabel(page, 4)).toBeVisible();
  await expect(page.getByTestId("module-node-3")).toHaveCount(0);
  await expect(rows.first()).toContainText("Restored revision 2");
  await page.getByTestId("module-node-2").click();
  await expect(page.getByTestId("inspector").getByLabel("Data")).toHaveValue(/"step": "two"/);
  const restored = await blueprintOf(page.request, scenario.id);
  expect(restored.modules).toEqual(revision2.modules);
  expect(restored.links).toEqual(revision2.links);
});

test("a stale save explains who saved, and offers to save a copy or reload", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await signIn(a, E2E_ADMIN.email, E2E_ADMIN.password);
  const builder = { email: `${unique("builder").replace(/\s/g, "-")}@example.com`.toLowerCase(), password: "a-long-password-for-b" };
  expect((await a.request.post("/api/v1/users", { data: { email: builder.email, name: "Bea Builder", role: "builder", password: builder.password } })).status()).toBe(201);
  await signIn(b, builder.email, builder.password);
  const scenario = await createScenario(a.request, unique("Contested"), {
    schemaVersion: 1,
    modules: [trigger, createJson(2, { who: "nobody" })],
    links: [{ from: 1, to: 2 }],
  });
  await a.goto(`/scenarios/${scenario.id}/edit`);
  await b.goto(`/scenarios/${scenario.id}/edit`);
  await expect(revisionLabel(b, 1)).toBeVisible();

  await setData(a, 2, '{"who": "A"}');
  await a.getByLabel("Revision message").fill("A was here");
  await a.getByRole("button", { name: "Save", exact: true }).click();
  await expect(revisionLabel(a, 2)).toBeVisible();

  await setData(b, 2, '{"who": "B"}');
  await b.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = b.getByTestId("conflict-dialog");
  await expect(conflict).toContainText("you edited revision 1");
  await expect(conflict.getByRole("list", { name: "Saves since you opened the scenario" })).toContainText("Revision 2 by Admin,");
  await expect(conflict).toContainText("“A was here”");
  await keepScreenshot(b, "stale-save-conflict");
  await conflict.getByRole("button", { name: "Save as a copy" }).click();
  await b.waitForURL((url) => /^\/scenarios\/scn_[^/]+\/edit$/.test(url.pathname) && !url.pathname.includes(scenario.id));
  const copyId = b.url().split("/").at(-2)!;
  await expect(b.getByRole("link", { name: `← ${scenario.name} (copy)` })).toBeVisible();
  await expect(revisionLabel(b, 1)).toBeVisible();
  expect((await blueprintOf(b.request, copyId)).modules[1].mapper).toEqual({ data: { who: "B" } });
  expect((await blueprintOf(b.request, scenario.id)).modules[1].mapper).toEqual({ data: { who: "A" } });

  // Reload: B goes back to the original, A saves again first, B drops their edit for A's.
  await b.goto(`/scenarios/${scenario.id}/edit`);
  await expect(revisionLabel(b, 2)).toBeVisible();
  await setData(a, 2, '{"who": "A again"}');
  await a.getByRole("button", { name: "Save", exact: true }).click();
  await expect(revisionLabel(a, 3)).toBeVisible();
  await setData(b, 2, '{"who": "B again"}');
  await b.keyboard.press("Control+s");
  await expect(conflict).toContainText("you edited revision 2");
  await conflict.getByRole("button", { name: "Reload", exact: true }).click();
  await expect(conflict).toHaveCount(0);
  await expect(revisionLabel(b, 3)).toBeVisible();
  await b.getByTestId("module-node-2").click();
  await expect(b.getByTestId("inspector").getByLabel("Data")).toHaveValue(/"who": "A again"/);
  expect((await blueprintOf(b.request, scenario.id)).modules[1].mapper).toEqual({ data: { who: "A again" } });
});

test("the executions tab filters runs, shows a past run on the canvas, and retries an incomplete execution", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const parser = await createScenario(page.request, unique("Parser"), {
    schemaVersion: 1,
    modules: [{ ...trigger, params: { sample: { text: '{"ok": true}' } } }, { id: 2, module: "json:parse", version: 1, mapper: { json: "{{1.text}}" } }],
    links: [{ from: 1, to: 2 }],
  });
  const failed = await (await page.request.post(`/api/v1/scenarios/${parser.id}/run`, { data: { payload: { text: "{oops" } } })).json();
  expect((await finished(page.request, failed.id)).status).toBe("error");

  await page.goto(`/scenarios/${parser.id}/edit`);
  await page.getByRole("button", { name: "Run once" }).click();
  await expect(page.getByTestId("run-status")).toContainText("success · 2 operations");
  await page.getByRole("tab", { name: "Executions" }).click();
  const tab = page.getByTestId("executions-tab");
  await expect(tab.getByTestId("execution-row")).toHaveCount(2);
  await expect(tab.getByTestId("open-run")).toContainText("the success run");

  await tab.getByLabel("Status").selectOption("error");
  await expect(tab.getByTestId("execution-row")).toHaveCount(1);
  await expect(tab.getByTestId("execution-row")).toContainText("error");
  await tab.getByTestId("execution-row").click();
  await expect(tab.getByTestId("open-run")).toContainText("the error run");
  await expect(tab.getByTestId("open-run")).toContainText("Module 2:");
  await expect(page.getByTestId("bubble-1")).toHaveText("1");
  await expect(page.getByTestId("bubble-2")).toHaveText("1");
  await page.getByTestId("module-node-2").click();
  await expect(page.getByTestId("module-operations")).toContainText("not valid JSON");

  await page.getByRole("tab", { name: "Executions" }).click();
  await tab.getByLabel("Status").selectOption("success");
  await expect(tab.getByTestId("execution-row")).toHaveCount(1);
  await tab.getByTestId("execution-row").click();
  await page.getByTestId("module-node-2").click();
  await expect(page.getByTestId("module-operations")).toContainText('"ok": true');

  // A key that is already taken makes "add" fail; the break handler parks the bundle for a retry.
  const store = await (await page.request.post("/api/v1/data-stores", { data: { name: unique("Seen orders") } })).json();
  expect((await page.request.post(`/api/v1/data-stores/${store.id}/records`, { data: { key: "order-1", data: {} } })).status()).toBe(201);
  const adder = await createScenario(page.request, unique("Adder"), {
    schemaVersion: 1,
    modules: [
      trigger,
      { id: 2, module: "datastore:addRecord", version: 1, params: { store: store.id, overwrite: false }, mapper: { key: "order-1" }, onError: { directive: "break" } },
    ],
    links: [{ from: 1, to: 2 }],
  });
  const parked = await (await page.request.post(`/api/v1/scenarios/${adder.id}/run`, { data: {} })).json();
  expect((await finished(page.request, parked.id)).status).toBe("incomplete");

  await page.goto(`/scenarios/${adder.id}/edit`);
  await page.getByRole("tab", { name: "Executions" }).click();
  const incomplete = tab.getByTestId("incomplete-row");
  await expect(incomplete).toContainText("Module 2: A record with key “order-1” already exists.");
  expect((await page.request.delete(`/api/v1/data-stores/${store.id}/records/order-1`)).status()).toBe(204);
  await incomplete.getByRole("button", { name: "Retry" }).click();
  await expect(tab.getByTestId("open-run")).toContainText("the success run");
  await expect(page.getByTestId("bubble-2")).toHaveText("1");
  await expect(incomplete).toHaveCount(0);
  await keepScreenshot(page, "executions-tab");
  await expect(tab.getByTestId("execution-row")).toHaveCount(2);
  await expect(tab.getByTestId("execution-row").first()).toContainText("retry");
  // The retry, not the parked run, wrote the key: it was deleted in between.
  expect((await page.request.get(`/api/v1/data-stores/${store.id}/records/order-1`)).status()).toBe(200);
});

test("a copy made from a stale save leaves the original's webhook with the original and says so", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const hook = await (await page.request.post("/api/v1/webhooks", { data: { name: unique("Orders in") } })).json();
  const modules = (data: unknown) => [{ id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: hook.id } }, createJson(2, data)];
  const scenario = await createScenario(page.request, unique("Hooked"), { schemaVersion: 1, modules: modules({ v: 1 }), links: [{ from: 1, to: 2 }] });
  await page.goto(`/scenarios/${scenario.id}/edit`);
  await expect(revisionLabel(page, 1)).toBeVisible();
  // Someone saves behind this page's back.
  const other = await page.request.put(`/api/v1/scenarios/${scenario.id}`, { data: { baseRevision: 1, message: "Elsewhere", blueprint: { schemaVersion: 1, modules: modules({ v: 2 }), links: [{ from: 1, to: 2 }] } } });
  expect(other.status()).toBe(200);

  await setData(page, 2, '{"v": "mine"}');
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = page.getByTestId("conflict-dialog");
  await conflict.getByRole("button", { name: "Save as a copy" }).click();
  await expect(conflict.getByRole("status")).toContainText("module 1 of the copy waits for a webhook of its own");
  await conflict.getByRole("button", { name: "Open the copy" }).click();
  await expect(page.getByRole("link", { name: `← ${scenario.name} (copy)` })).toBeVisible();
  const copyId = page.url().split("/").at(-2)!;
  const copy = await blueprintOf(page.request, copyId);
  expect(copy.modules[0].params).toEqual({});
  expect(copy.modules[1].mapper).toEqual({ data: { v: "mine" } });
  const hooks = (await (await page.request.get("/api/v1/webhooks")).json()).items as Array<{ id: string; scenario: { id: string } | null }>;
  expect(hooks.find((h) => h.id === hook.id)?.scenario?.id).toBe(scenario.id);
});
