import fs from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

/** A store / structure picker in the inspector: the instance's stores, loaded by the server, picked by name. */
async function pick(inspector: Locator, label: RegExp, optionName: string) {
  const select = inspector.getByLabel(label);
  await expect(select.locator("option", { hasText: optionName })).toHaveCount(1);
  await select.selectOption({ label: optionName });
}

/** Searches the palette and picks the module under its app's heading (Workfront has an "Update a record" too). */
async function addFromPalette(page: Page, search: string, app: string, title: string) {
  const palette = page.getByRole("complementary", { name: "Module palette" });
  await palette.getByRole("textbox").fill(search);
  const group = palette.locator("div").filter({ has: page.getByText(app, { exact: true }) }).last();
  await group.getByRole("listitem").filter({ hasText: title }).click();
}

async function setJson(inspector: Locator, label: string, json: string) {
  const field = inspector.getByLabel(label, { exact: true });
  await field.fill(json);
  await field.blur();
}

test("a person keeps webhook callers in a data store: one record per key, edited by hand and exported", async ({ page, baseURL }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const structureName = unique("Contact");
  const storeName = unique("Contacts seen");

  // A structure generated from a sample, then a store using it.
  await page.getByRole("link", { name: "Data stores", exact: true }).click();
  await page.getByRole("link", { name: "Data structures" }).click();
  await page.getByRole("button", { name: "New data structure" }).click();
  const structureDialog = page.getByRole("dialog");
  await structureDialog.getByLabel("Name *").fill(structureName);
  await structureDialog.getByLabel("Sample JSON").fill('{"email": "ada@example.com", "name": "Ada", "visits": 1}');
  await structureDialog.getByRole("button", { name: "Generate fields" }).click();
  await expect(structureDialog.getByTestId("structure-field")).toHaveCount(3);
  await expect(structureDialog.getByLabel("Type of field 3")).toHaveValue("number");
  await structureDialog.getByLabel("Required of field 1").check();
  await structureDialog.getByRole("button", { name: "Create data structure" }).click();
  await expect(page.getByTestId("structure-row").filter({ hasText: structureName })).toContainText("email: text (required) · name: text · visits: number");

  await page.getByRole("link", { name: "← Data stores" }).click();
  await page.getByRole("button", { name: "New data store" }).click();
  const storeDialog = page.getByRole("dialog");
  await storeDialog.getByLabel("Size limit (MB) *").fill("0.0001");
  await storeDialog.getByRole("button", { name: "Create data store" }).click();
  await expect(storeDialog.getByText("Give the data store a name.")).toBeVisible();
  await expect(storeDialog.getByText("A data store holds at least 1 KB.")).toBeVisible();
  await storeDialog.getByLabel("Name *").fill(storeName);
  await storeDialog.getByLabel("Data structure").selectOption({ label: structureName });
  await storeDialog.getByLabel("Size limit (MB) *").fill("1");
  await storeDialog.getByRole("button", { name: "Create data store" }).click();
  await expect(page.getByTestId("store-row").filter({ hasText: storeName })).toContainText("0 records");

  // A webhook for the trigger.
  await page.getByRole("link", { name: "Webhooks" }).click();
  const hookName = unique("Contact form");
  await page.getByLabel("Webhook name").fill(hookName);
  await page.getByRole("button", { name: "Create webhook" }).click();
  const hookRow = page.getByTestId("webhook-row").filter({ hasText: hookName });
  const hookId = (await hookRow.locator("p code").textContent())!.trim();
  const hookPath = (await hookRow.locator("code.block").textContent())!.replace(/^https?:\/\/[^/]+/, "");

  // Webhook → Get a record → Router → (not there) Add a record / (there) Update a record.
  const scenario = await (await page.request.post("/api/v1/scenarios", { data: { name: unique("Remember contacts") } })).json();
  await page.goto(`/scenarios/${scenario.id}/edit`);
  const inspector = page.getByTestId("inspector");
  await addFromPalette(page, "custom webhook", "Webhooks", "Custom webhook");
  await inspector.getByLabel(/^Webhook/).selectOption(hookId);
  await pick(inspector, /^Data structure/, structureName);

  await addFromPalette(page, "get a record", "Data store", "Get a record");
  await pick(inspector, /^Data store/, storeName);
  await inspector.getByLabel(/^Key/).fill("{{1.email}}");
  await inspector.getByLabel("Continue when missing").check();

  await addFromPalette(page, "router", "Flow control", "Router");
  await addFromPalette(page, "add/replace", "Data store", "Add/replace a record");
  await pick(inspector, /^Data store/, storeName);
  await inspector.getByLabel(/^Key/).fill("{{1.email}}");
  await setJson(inspector, "Record", '{"email": "{{1.email}}", "name": "{{1.name}}", "visits": 1}');

  // The second route starts at the router, which has scrolled out of sight behind the inspector.
  await page.getByRole("button", { name: "Fit View" }).click();
  await page.getByTestId("module-node-3").click();
  await expect(inspector).toContainText("#3 · flow:router");
  await addFromPalette(page, "update a record", "Data store", "Update a record");
  await pick(inspector, /^Data store/, storeName);
  await inspector.getByLabel(/^Key/).fill("{{1.email}}");
  await setJson(inspector, "Increment (field → amount)", '{"visits": 1}');
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("revision 2")).toBeVisible();

  // Each route's filter, in the condition builder on its link.
  for (const [to, label, exists] of [[4, "not there", "false"], [5, "there", "true"]] as const) {
    await page.keyboard.press("Escape");
    await page.getByTestId(`link-3-${to}`).click();
    const link = page.getByTestId("link-inspector");
    await link.getByLabel("Filter label").fill(label);
    await link.getByRole("button", { name: "Add a condition" }).click();
    await link.getByLabel("Value (rule 1 of group 1)").fill("{{2.exists}}");
    await link.getByLabel("Operator (rule 1 of group 1)").selectOption("boolean:equal");
    await link.getByLabel("Compare with (rule 1 of group 1)").fill(exists);
  }
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("revision 3")).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/scenarios/${scenario.id}`)).json();
  expect(saved.blueprint.links.map((l: { from: number; to: number; filter?: { label: string } }) => [l.from, l.to, l.filter?.label ?? null])).toEqual([[1, 2, null], [2, 3, null], [3, 4, "not there"], [3, 5, "there"]]);

  await page.goto(`/scenarios/${scenario.id}`);
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("active", { exact: true })).toBeVisible();

  // The same contact calls twice; each run finishes before the next call.
  for (const [i, name] of ["Ada", "Ada Lovelace"].entries()) {
    const res = await page.request.post(`${baseURL}${hookPath}`, { data: { email: "ada@example.com", name } });
    expect(res.status()).toBe(200);
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/scenarios/${scenario.id}/executions`)).json()).items.map((e: { status: string }) => e.status), { timeout: 15_000 })
      .toEqual(Array(i + 1).fill("success"));
  }

  await page.getByRole("link", { name: "Data stores", exact: true }).click();
  await expect(page.getByTestId("store-row").filter({ hasText: storeName })).toContainText("1 record");
  await page.getByRole("link", { name: storeName }).click();
  const row = page.getByTestId("record-row");
  await expect(row).toHaveCount(1);
  // Added by the first call, counted by the second: the router sent each down its own route.
  await expect(row.locator("td")).toHaveText(["ada@example.com", "ada@example.com", "Ada", "2", /Edit/]);

  // Edited by hand: a bad number is refused next to its field, then a good edit is kept.
  await page.getByRole("button", { name: "Edit record ada@example.com" }).click();
  const recordDialog = page.getByRole("dialog");
  await expect(recordDialog.getByLabel("Key", { exact: true })).toBeDisabled();
  await recordDialog.getByLabel("visits", { exact: true }).fill("lots");
  await recordDialog.getByRole("button", { name: "Save record" }).click();
  await expect(recordDialog.getByText("Field “visits” must be a number.")).toBeVisible();
  await recordDialog.getByLabel("visits", { exact: true }).fill("5");
  await recordDialog.getByLabel("name", { exact: true }).fill("Ada King");
  await recordDialog.getByRole("button", { name: "Save record" }).click();
  await expect(page.getByText("Saved record “ada@example.com”.")).toBeVisible();
  await expect(row.locator("td")).toHaveText(["ada@example.com", "ada@example.com", "Ada King", "5", /Edit/]);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(await fs.readFile((await file.path())!, "utf8")).toBe("key,email,name,visits\r\nada@example.com,ada@example.com,Ada King,5\r\n");
});

test("an import with bad rows imports nothing and lists them; a refused structure edit says why; a viewer only reads", async ({ page, browser }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const structure = await (
    await page.request.post("/api/v1/data-structures", {
      data: {
        name: unique("Task"),
        fields: [
          { name: "title", type: "text", required: true },
          { name: "done", type: "boolean", default: false },
          { name: "owner", type: "collection", fields: [{ name: "email", type: "text", required: true }] },
          { name: "tags", type: "array", items: { type: "text" } },
        ],
      },
    })
  ).json();
  const store = await (await page.request.post("/api/v1/data-stores", { data: { name: unique("Tasks"), structureId: structure.id, maxBytes: 100_000 } })).json();
  await page.goto(`/data-stores/${store.id}`);

  await page.getByRole("button", { name: "Import" }).click();
  const importDialog = page.getByRole("dialog");
  const csv = (text: string) => ({ name: "tasks.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await importDialog.getByLabel("File (CSV or JSON) *").setInputFiles(csv('key,title,done\nt1,Write,false\nt2,,false\nt3,Test,maybe\n'));
  await importDialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(importDialog.getByText("2 row(s) are invalid; nothing was imported.")).toBeVisible();
  await expect(importDialog.getByTestId("import-errors").locator("tbody tr")).toHaveText(["2t2titleField “title” is required.", "3t3doneField “done” must be a boolean."]);
  await expect(page.getByTestId("record-count")).toHaveText("0 records");
  await importDialog.getByLabel("File (CSV or JSON) *").setInputFiles(csv('key,title,done,owner,tags\nt1,Write,false,"{""email"": ""a@b.c""}","[""x""]"\nt2,Review,true,,\n'));
  await importDialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported 2 records.")).toBeVisible();
  await expect(page.getByTestId("record-count")).toHaveText("2 records");

  // Sorting by a column, and a nested collection and list in the hand-edit form.
  const keys = page.getByTestId("record-row").locator("td:first-child");
  await page.getByRole("button", { name: /^title/ }).click();
  await expect(keys).toHaveText(["t2", "t1"]);
  await page.getByRole("button", { name: /^title/ }).click();
  await expect(keys).toHaveText(["t1", "t2"]);
  await page.getByRole("button", { name: "Add record" }).click();
  const recordDialog = page.getByRole("dialog");
  await recordDialog.getByLabel("Key", { exact: true }).fill("t3");
  await recordDialog.getByLabel("title *").fill("Ship");
  await recordDialog.getByRole("button", { name: "Add tags item" }).click();
  await recordDialog.getByLabel("tags 1").fill("urgent");
  await recordDialog.getByLabel("done", { exact: true }).selectOption("Yes");
  const owner = recordDialog.getByRole("group", { name: "owner" });
  await owner.getByLabel("email *").fill("c@d.e");
  await recordDialog.getByRole("button", { name: "Add record" }).click();
  await expect(page.getByTestId("record-row").filter({ hasText: "t3" }).locator("td")).toHaveText(["t3", "Ship", "true", '{"email":"c@d.e"}', '["urgent"]', /Edit/]);

  // Making a field required that a stored record lacks is refused, and the dialog says which record.
  await page.goto("/data-structures");
  await page.getByRole("button", { name: `Edit ${structure.name}` }).click();
  const structureDialog = page.getByRole("dialog");
  await structureDialog.getByLabel("Required of field 4").check();
  await structureDialog.getByRole("button", { name: "Save data structure" }).click();
  await expect(structureDialog.getByRole("alert")).toContainText("records already stored would no longer fit");
  await expect(structureDialog.getByRole("alert")).toContainText(`record “t2” in data store “${store.name}”: Field “tags” is required.`);
  await structureDialog.getByRole("button", { name: "Cancel" }).click();

  // A viewer browses and exports, with no way to change anything.
  const viewerEmail = `ds-viewer-${Date.now()}@example.com`;
  await page.request.post("/api/v1/users", { data: { email: viewerEmail, role: "viewer", password: "viewer-password-1" } });
  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, viewerEmail, "viewer-password-1");
  await viewer.goto(`/data-stores/${store.id}`);
  await expect(viewer.getByTestId("record-row")).toHaveCount(3);
  await expect(viewer.getByRole("link", { name: "Export JSON" })).toBeVisible();
  for (const control of ["Add record", "Import", "Delete all", "Edit record t1", "Delete record t1"]) await expect(viewer.getByRole("button", { name: control })).toHaveCount(0);
  const download = viewer.waitForEvent("download");
  await viewer.getByRole("link", { name: "Export JSON" }).click();
  const exported = JSON.parse(await fs.readFile((await (await download).path())!, "utf8"));
  expect(exported.records.map((r: { key: string }) => r.key)).toEqual(["t1", "t2", "t3"]);
  await viewer.context().close();

  // Emptying the store takes its name.
  await page.goto(`/data-stores/${store.id}`);
  await page.getByRole("button", { name: "Delete all" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByRole("button", { name: "Delete all records" })).toBeDisabled();
  await confirm.getByLabel(`Type “${store.name}” to confirm`).fill(store.name);
  await confirm.getByRole("button", { name: "Delete all records" }).click();
  await expect(page.getByText("Deleted 3 records.")).toBeVisible();
  await expect(page.getByText("No records yet.")).toBeVisible();
});
