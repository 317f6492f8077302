import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

const sidePanel = (page: Page) => page.getByRole("complementary", { name: "Side panel" });

const twoModules = {
  schemaVersion: 1,
  modules: [
    { id: 1, module: "flow:manualTrigger", version: 1, params: { sample: { name: "Ada" } }, ui: { x: 0, y: 0 } },
    { id: 2, module: "json:create", version: 1, mapper: { data: { hello: "{{1.name}}" } }, ui: { x: 300, y: 0 } },
  ],
  links: [{ from: 1, to: 2 }],
};

async function scenarioWith(page: Page, name: string, blueprint: unknown = twoModules): Promise<string> {
  const res = await page.request.post("/api/v1/scenarios", { data: { name, blueprint } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function saved(page: Page, id: string) {
  return (await (await page.request.get(`/api/v1/scenarios/${id}`)).json()) as { revision: number; blueprint: { modules: Array<{ id: number; module: string; mapper: Record<string, unknown>; onError?: unknown; ui?: { note?: string } }>; links: unknown[] } };
}

test("copy and paste modules within and between scenarios, undo and redo with the keyboard", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const first = await scenarioWith(page, unique("Copy from"));
  const second = await scenarioWith(page, unique("Paste into"), { schemaVersion: 1, modules: [{ id: 1, module: "flow:manualTrigger", version: 1, ui: { x: 0, y: 0 } }], links: [] });

  await page.goto(`/scenarios/${first}/edit`);
  // Both modules: the pasted JSON module reads from the pasted trigger, and two triggers cannot be saved.
  await page.getByTestId("module-node-1").click();
  await page.getByTestId("module-node-2").click({ modifiers: ["Shift"] });
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(page.getByTestId("module-node-4")).toBeVisible();
  await expect(page.getByTestId("problems-3")).toContainText("error");
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("module-node-3")).toHaveCount(0);
  await page.keyboard.press("Control+Shift+z");
  await expect(page.getByTestId("module-node-4")).toBeVisible();
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("module-node-3")).toHaveCount(0);

  // The JSON module alone: pasted below, unlinked (so flagged) until linked; Delete removes it again.
  await page.getByTestId("module-node-2").click();
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(page.getByTestId("module-node-3")).toBeVisible();
  await expect(page.getByTestId("problems-3")).toContainText("error");
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("module-node-3")).toHaveCount(0);

  // Into another scenario: the JSON module alone.
  await page.getByTestId("module-node-2").click();
  await page.keyboard.press("Control+c");
  await page.goto(`/scenarios/${second}/edit`);
  await page.getByTestId("module-node-1").click();
  await page.keyboard.press("Control+v");
  await expect(page.getByTestId("module-node-2")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("module-node-2")).toHaveCount(0);
  await page.getByRole("button", { name: "Redo" }).click();
  // Pasted as written: {{1.name}} pointed outside what was copied, so here it reads this scenario's trigger.
  await page.getByTestId("module-node-2").click();
  await expect(page.getByTestId("inspector").getByRole("textbox", { name: "Data", exact: true })).toHaveValue(/"hello": "\{\{1\.name\}\}"/);
  // Not linked yet: the live check says so on the module before any save.
  await expect(page.getByTestId("problems-2")).toContainText("error");
});

test("an error handler with its settings, a note, and a mapping error shown next to its field before saving", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const id = await scenarioWith(page, unique("Handled"));
  await page.goto(`/scenarios/${id}/edit`);
  await page.getByTestId("module-node-2").click();

  const data = sidePanel(page).getByRole("textbox", { name: "Data", exact: true });
  await data.fill('{"hello": "{{upper(1.name}}"}');
  await data.blur();
  await expect(sidePanel(page).getByTestId("field-problems-data")).toContainText("Error");
  await expect(page.getByTestId("problems-2")).toContainText("1 error");
  await data.fill('{"hello": "{{upper(1.name)}}"}');
  await data.blur();
  await expect(sidePanel(page).getByTestId("field-problems-data")).toHaveCount(0);
  await expect(page.getByTestId("problems-2")).toHaveCount(0);

  await sidePanel(page).getByLabel("When this module fails").selectOption("resume");
  const substitute = sidePanel(page).getByLabel("Substitute output (JSON, mappable)");
  await substitute.fill('{"json": "fallback for {{1.name}}"}');
  await substitute.blur();
  await sidePanel(page).getByLabel("Note").fill("Greets whoever ran it");
  await sidePanel(page).getByLabel("Note").blur();
  await expect(page.getByTestId("note-2")).toContainText("Greets whoever ran it");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("revision-state")).toHaveText("revision 2");
  const module2 = (await saved(page, id)).blueprint.modules[1];
  expect(module2.onError).toEqual({ directive: "resume", output: { json: "fallback for {{1.name}}" } });
  expect(module2.ui?.note).toBe("Greets whoever ran it");
  expect(module2.mapper).toEqual({ data: { hello: "{{upper(1.name)}}" } });

  // Auto-align lays the modules out again; undo puts them back.
  await page.getByRole("button", { name: "Auto-align" }).click();
  await expect(page.getByTestId("revision-state")).toContainText("unsaved changes");
  await page.getByRole("button", { name: "Undo" }).click();

  // Leaving with unsaved changes asks first; staying keeps them.
  page.once("dialog", (d) => void d.dismiss());
  await page.getByRole("link", { name: /^← / }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByTestId("revision-state")).toContainText("unsaved changes");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: /^← / }).click();
  await expect(page).toHaveURL(new RegExp(`/scenarios/${id}$`));
});

test("a viewer opens the editor read-only: no palette, no save, but can inspect modules and runs", async ({ page, browser }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const id = await scenarioWith(page, unique("Look, don't touch"));
  const run = await (await page.request.post(`/api/v1/scenarios/${id}/run`, { data: {} })).json();
  await expect.poll(async () => (await (await page.request.get(`/api/v1/executions/${run.id}`)).json()).status).toBe("success");
  const email = `viewer-${Date.now()}@example.com`;
  expect((await page.request.post("/api/v1/users", { data: { email, name: "Vic Viewer", role: "viewer", password: "viewer-password-1" } })).status()).toBe(201);

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signIn(viewer, email, "viewer-password-1");
  await viewer.goto(`/scenarios/${id}/edit`);
  await expect(viewer.getByTestId("module-node-2")).toBeVisible();
  await expect(viewer.getByRole("complementary", { name: "Module palette" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(viewer.getByText("read-only")).toBeVisible();
  await viewer.getByTestId("module-node-2").click();
  await expect(sidePanel(viewer).getByRole("textbox", { name: "Data", exact: true })).toBeDisabled();
  await expect(sidePanel(viewer).getByRole("button", { name: "Delete module" })).toHaveCount(0);
  await viewer.keyboard.press("Delete");
  await expect(viewer.getByTestId("module-node-2")).toBeVisible();

  // A past run opens on the canvas with its operations.
  await sidePanel(viewer).getByRole("tab", { name: "Executions" }).click();
  await sidePanel(viewer).getByTestId("execution-row").first().click();
  await expect(viewer.getByTestId("bubble-2")).toHaveText("1");
  await viewer.getByTestId("bubble-2").click();
  await expect(sidePanel(viewer).getByTestId("module-operations")).toContainText('"hello": "Ada"');
  await context.close();
});

/** A handle's box once the canvas has stopped moving (fit-view animates after modules are added). */
async function settledBox(page: Page, selector: string) {
  let previous = await page.locator(selector).boundingBox();
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(100);
    const next = await page.locator(selector).boundingBox();
    if (previous && next && Math.abs(previous.x - next.x) < 0.5 && Math.abs(previous.y - next.y) < 0.5) return next;
    previous = next;
  }
  throw new Error(`${selector} never settled`);
}

test("linking modules by dragging between handles and from the keyboard, with the rules explained", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const id = await scenarioWith(page, unique("Linking"), {
    schemaVersion: 1,
    modules: [
      { id: 1, module: "flow:manualTrigger", version: 1, ui: { x: 0, y: 0 } },
      { id: 2, module: "flow:router", version: 1, ui: { x: 300, y: 0 } },
      { id: 3, module: "json:create", version: 1, mapper: { data: { route: "a" } }, ui: { x: 600, y: 0 } },
    ],
    links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
  });
  await page.goto(`/scenarios/${id}/edit`);
  await page.getByTestId("module-node-3").click();
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(page.getByTestId("problems-4")).toContainText("error");

  // By hand: from the router's output handle to the new module's input handle.
  const source = await settledBox(page, '[data-testid="module-node-2"] .react-flow__handle-right');
  const target = await settledBox(page, '[data-testid="module-node-4"] .react-flow__handle-left');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 15 });
  await page.mouse.up();
  await expect(page.getByTestId("link-2-4")).toBeVisible();
  await expect(page.getByTestId("problems-4")).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("link-2-4")).toHaveCount(0);

  // From the keyboard: the router's inspector offers the modules it may link to.
  await page.getByTestId("module-node-2").click();
  const linkTo = page.getByTestId("inspector").getByLabel("Link to module");
  await expect(linkTo.locator("option")).toHaveText([/send this module/, /#4 Create JSON/]);
  await linkTo.focus();
  await linkTo.selectOption({ label: "#4 Create JSON" });
  await expect(page.getByTestId("link-2-4")).toBeVisible();
  // A module that already feeds one is told why it cannot take a second route.
  await page.getByTestId("module-node-1").click();
  await expect(page.getByTestId("inspector").getByLabel("Link to module")).toBeDisabled();
  await expect(page.getByTestId("inspector")).toContainText("Only a router can have several routes");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("revision-state")).toHaveText("revision 2");
  expect((await saved(page, id)).blueprint.links).toEqual([{ from: 1, to: 2 }, { from: 2, to: 3 }, { from: 2, to: 4 }]);
});
