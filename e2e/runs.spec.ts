import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

test("a builder runs a scenario once with a payload and inspects what each module did", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const created = await page.request.post("/api/v1/scenarios", {
    data: {
      name: unique("Greeting"),
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "flow:manualTrigger", version: 1 },
          { id: 2, module: "json:create", version: 1, mapper: { data: { greeting: "Hello {{upper(1.name)}}" } } },
        ],
        links: [{ from: 1, to: 2 }],
      },
    },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/scenarios/${(await created.json()).id}`);

  await page.getByRole("button", { name: "Run once" }).click();
  await page.getByLabel("Trigger payload (JSON, optional)").fill("{ not json");
  await page.getByRole("dialog").getByRole("button", { name: "Run" }).click();
  await expect(page.getByText(/The payload is not valid JSON/)).toBeVisible();
  await page.getByLabel("Trigger payload (JSON, optional)").fill('{"name": "ada"}');
  await page.getByRole("dialog").getByRole("button", { name: "Run" }).click();

  const log = page.getByTestId("execution-log");
  await expect(log.getByText("success", { exact: true }).first()).toBeVisible();
  await expect(log.getByText("2 operations", { exact: false })).toBeVisible();
  await expect(log.getByTestId("log-entry")).toHaveCount(2);
  await expect(log.getByTestId("log-entry").nth(1)).toContainText('"greeting": "Hello ADA"');
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("execution-row")).toHaveCount(1);
});
