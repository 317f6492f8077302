import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

test("a builder activates a webhook scenario, a caller gets the scenario's response, and the run shows up", async ({ page, baseURL }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const hook = await (await page.request.post("/api/v1/webhooks", { data: { name: unique("Orders in") } })).json();
  const scenario = await (
    await page.request.post("/api/v1/scenarios", {
      data: {
        name: unique("Order echo"),
        blueprint: {
          schemaVersion: 1,
          modules: [
            { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: hook.id } },
            { id: 2, module: "webhooks:respond", version: 1, mapper: { status: 200, body: { received: "{{1.order}}" } } },
          ],
          links: [{ from: 1, to: 2 }],
        },
      },
    })
  ).json();
  await page.goto(`/scenarios/${scenario.id}`);
  await expect(page.getByTestId("schedule-summary")).toHaveText("Runs immediately when its webhook receives data.");
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("active", { exact: true })).toBeVisible();

  const res = await fetch(`${baseURL}${hook.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ order: "A-17" }) });
  expect(await res.json()).toEqual({ received: "A-17" });
  await expect(page.getByTestId("execution-row").first()).toContainText("success", { timeout: 10_000 });

  await page.getByRole("link", { name: "Scenarios", exact: true }).first().click();
  await expect(page.getByTestId("scenario-row").filter({ hasText: scenario.name })).toContainText("active");
});

test("the schedule editor shows the next five runs before saving", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const scenario = await (
    await page.request.post("/api/v1/scenarios", {
      data: { name: unique("Nightly"), blueprint: { schemaVersion: 1, modules: [{ id: 1, module: "flow:manualTrigger", version: 1 }], links: [], settings: { timezone: "Europe/Paris" } } },
    })
  ).json();
  await page.goto(`/scenarios/${scenario.id}`);
  await expect(page.getByTestId("schedule-summary")).toHaveText("Every 15 minutes.");
  await page.getByRole("button", { name: "Edit schedule" }).click();
  await page.getByLabel("Run").selectOption("daily");
  await page.getByLabel("Times").fill("06:30, 18:00");
  await expect(page.getByTestId("schedule-preview").locator("li")).toHaveCount(5);
  await page.getByLabel("Run").selectOption("cron");
  await page.getByLabel("Cron expression").fill("not a cron");
  await expect(page.getByTestId("schedule-preview")).toContainText("is not valid");
  await page.getByLabel("Run").selectOption("daily");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByTestId("schedule-summary")).toHaveText("Every day at 06:30, 18:00 (Europe/Paris).");
});
