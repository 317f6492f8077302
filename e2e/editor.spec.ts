import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

test("a builder builds a scenario on the canvas from empty, saves it, runs it and inspects a module's operation", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const scenario = await (await page.request.post("/api/v1/scenarios", { data: { name: unique("Canvas") } })).json();
  await page.goto(`/scenarios/${scenario.id}`);
  await page.getByRole("link", { name: "Open editor" }).click();
  await expect(page.getByText("Choose a trigger from the palette to start.")).toBeVisible();

  const palette = page.getByRole("complementary", { name: "Module palette" });
  await palette.getByPlaceholder("Choose a trigger…").fill("run on demand");
  await palette.getByRole("listitem").filter({ hasText: "Run on demand" }).click();
  await expect(page.getByTestId("module-node-1")).toBeVisible();
  await page.getByLabel("Sample payload").fill('{"name": "Ada"}');
  await page.getByLabel("Sample payload").blur();

  await palette.getByPlaceholder("Search modules…").fill("create json");
  await palette.getByRole("listitem").filter({ hasText: "Create JSON" }).click();
  await expect(page.getByTestId("module-node-2")).toBeVisible();
  const data = page.getByTestId("inspector").getByLabel("Data");
  await data.fill('{"greeting": "Hello {{upper(1.name)}}"}');
  await data.blur();

  await page.getByLabel("Revision message").fill("Built on the canvas");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("revision 2")).toBeVisible();

  await page.getByRole("button", { name: "Run once" }).click();
  await expect(page.getByTestId("run-status")).toContainText("success · 2 operations");
  await expect(page.getByTestId("bubble-1")).toHaveText("1");
  await expect(page.getByTestId("bubble-2")).toHaveText("1");
  await page.getByTestId("module-node-2").click();
  await expect(page.getByTestId("module-operations")).toContainText('"greeting": "Hello ADA"');

  // Reloading finds the scenario as saved.
  await page.reload();
  await expect(page.getByTestId("module-node-2")).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/scenarios/${scenario.id}`)).json();
  expect(saved.blueprint.links).toEqual([{ from: 1, to: 2 }]);
  expect(saved.blueprint.modules[1].mapper).toEqual({ data: { greeting: "Hello {{upper(1.name)}}" } });
});

test("an admin adds the connection a module needs without leaving the editor, and it is picked and tested", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const scenario = await (await page.request.post("/api/v1/scenarios", { data: { name: unique("Needs SOAP credentials") } })).json();
  await page.goto(`/scenarios/${scenario.id}/edit`);
  const palette = page.getByRole("complementary", { name: "Module palette" });
  await palette.getByPlaceholder("Choose a trigger…").fill("with credentials");
  await palette.getByRole("listitem").filter({ hasText: "Call a SOAP operation (with credentials)" }).click();
  const inspector = page.getByTestId("inspector");
  await inspector.getByRole("button", { name: /^\+ (Add a .*soap-basic@1.* connection|New connection)$/ }).click();

  const dialog = page.getByRole("dialog");
  const type = dialog.getByLabel("Type");
  // Only the types this module accepts are offered.
  await expect(type.locator("option")).toHaveText([/soap-basic@1/, /soap-header@1/]);
  await type.selectOption("soap-basic@1");
  await dialog.getByRole("textbox", { name: /^User name/ }).fill("proof-bot");
  await dialog.getByRole("button", { name: "Add connection" }).click();
  // A missing name is explained in the dialog, and nothing is created.
  await expect(dialog.getByText("Give the connection a name.").first()).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: /^Name/ })).toHaveAttribute("aria-invalid", "true");
  const name = unique("SOAP bot");
  await dialog.getByRole("textbox", { name: /^Name/ }).fill(name);
  await dialog.getByLabel(/^Password/).fill("s3cret-soap");
  await dialog.getByRole("button", { name: "Add connection" }).click();
  await expect(dialog).toBeHidden();

  const picker = inspector.getByLabel("Connection");
  await expect(picker.locator("option:checked")).toHaveText(new RegExp(name));
  await expect(inspector.getByTestId("new-connection-outcome")).toContainText(`“${name}” works`);
  await expect(page.locator("body")).not.toContainText("s3cret-soap");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("revision 2")).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/scenarios/${scenario.id}`)).json();
  const connections = (await (await page.request.get("/api/v1/connections")).json()) as { items: Array<{ id: string; name: string; type: string }> };
  const created = connections.items.find((c) => c.name === name);
  expect(created?.type).toBe("soap-basic@1");
  expect(saved.blueprint.modules[0].connection).toBe(created?.id);
});

test("a SOAP call's input fields are drawn from the WSDL operation a person picks, and mapped like any field", async ({ page, baseURL }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const scenario = await (await page.request.post("/api/v1/scenarios", { data: { name: unique("SOAP fields") } })).json();
  await page.goto(`/scenarios/${scenario.id}/edit`);
  const palette = page.getByRole("complementary", { name: "Module palette" });
  await palette.getByPlaceholder("Choose a trigger…").fill("call a soap operation");
  await palette.getByRole("listitem").filter({ hasText: /^Call a SOAP operation(?! \(with)/ }).first().click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector.getByTestId("generated-fields")).toContainText("once WSDL URL and Operation are set");

  await inspector.getByRole("textbox", { name: /^WSDL URL/ }).fill(`${baseURL}/sandbox/proof/soap?wsdl`);
  await inspector.getByRole("textbox", { name: /^WSDL URL/ }).blur();
  // The operations are read from the WSDL: a list to choose from once loaded.
  await expect(inspector.locator("select").filter({ has: page.locator('option[value="getProofURL"]') })).toHaveCount(1, { timeout: 20_000 });
  await inspector.getByRole("combobox", { name: /^Operation/ }).selectOption("getProofURL");
  const fileId = inspector.getByRole("textbox", { name: /^File ID/ });
  await expect(fileId).toBeVisible();
  await expect(inspector.getByRole("textbox", { name: /^Session ID/ })).toBeVisible();
  await fileId.fill("42");
  await fileId.blur();

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("revision 2")).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/scenarios/${scenario.id}`)).json();
  expect(saved.blueprint.modules[0].params).toMatchObject({ operation: "getProofURL" });
  expect(saved.blueprint.modules[0].mapper.input).toMatchObject({ FileID: "42" });
});
