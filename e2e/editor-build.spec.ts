import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, signIn, unique } from "./helpers";

/** A local service the HTTP module calls: answers with what it received. */
async function startEcho(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      let received: unknown = body;
      try {
        received = JSON.parse(body);
      } catch {
        // Not JSON: echoed as text.
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ method: req.method, received }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`, close: () => new Promise((r) => server.close(() => r())) };
}

const palette = (page: Page) => page.getByRole("complementary", { name: "Module palette" });
const inspector = (page: Page) => page.getByRole("complementary", { name: "Side panel" });
const mappingPanel = (page: Page) => page.getByRole("region", { name: "Mapping panel" });

async function addFromPalette(page: Page, search: string, title: RegExp) {
  const input = palette(page).getByRole("textbox", { name: "Search modules" });
  await input.fill(search);
  await palette(page).getByRole("listitem").filter({ hasText: title }).first().click();
}

test("a newcomer builds webhook → HTTP → router with two filtered routes → JSON, maps with pills, runs it from a webhook call and inspects it", async ({ page }) => {
  const echo = await startEcho();
  try {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const name = unique("Order router");
    await page.goto("/scenarios");
    await page.getByRole("button", { name: "Create scenario" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill(name);
    await page.getByRole("dialog").getByRole("button", { name: "Create" }).click();
    await page.getByRole("link", { name: "Open editor" }).click();

    // 1. The trigger: a custom webhook, created inline, with the data it expects.
    await page.getByRole("button", { name: "Choose a trigger from the palette to start." }).click();
    await expect(palette(page).getByRole("textbox", { name: "Search modules" })).toBeFocused();
    await addFromPalette(page, "custom webhook", /^Custom webhook/);
    await inspector(page).getByRole("button", { name: "Add", exact: true }).click();
    await inspector(page).getByLabel("Webhook name").fill(`${name} hook`);
    await inspector(page).getByRole("button", { name: "Save webhook" }).click();
    await expect(inspector(page).getByTestId("webhook-url")).toContainText("/hooks/");
    await inspector(page).getByRole("button", { name: "Add expected data structure item" }).click();
    await inspector(page).getByRole("group", { name: "Expected data structure item 1" }).getByLabel("Field").fill("kind");
    await inspector(page).getByRole("button", { name: "Add expected data structure item" }).click();
    const amount = inspector(page).getByRole("group", { name: "Expected data structure item 2" });
    await amount.getByLabel("Field").fill("amount");
    await amount.getByLabel("Type").selectOption("number");

    // 2. HTTP: POST the webhook's data to the echo service, mapped with pills.
    await addFromPalette(page, "make a request", /^Make a request/);
    await expect(page.getByTestId("module-node-2")).toBeVisible();
    await inspector(page).getByRole("textbox", { name: "URL", exact: true }).fill(echo.url);
    await inspector(page).getByRole("combobox", { name: "Method", exact: true }).selectOption("POST");
    await inspector(page).getByRole("combobox", { name: "Body type", exact: true }).selectOption("json");
    const content = inspector(page).getByRole("textbox", { name: "Content", exact: true });
    await content.click();
    await page.keyboard.type('{"kind": "');
    await mappingPanel(page).getByTestId("pill-1-kind").click();
    await page.keyboard.type('", "amount": ');
    await mappingPanel(page).getByTestId("pill-1-amount").click();
    await page.keyboard.type("}");
    await expect(content).toHaveValue('{"kind": "{{1.kind}}", "amount": {{1.amount}}}');
    await expect(inspector(page).getByTestId("mapping-chips").first()).toContainText("1 · kind");

    // 3. A router with two routes, each a JSON module.
    await addFromPalette(page, "router", /^Router/);
    await addFromPalette(page, "create json", /^Create JSON/);
    const data4 = inspector(page).getByRole("textbox", { name: "Data", exact: true });
    await data4.click();
    await page.keyboard.type('{"route": "big", "status": "');
    await mappingPanel(page).getByTestId("pill-2-statusCode").click();
    await page.keyboard.type('"}');
    // Escape closes the mapping panel, uncovering the canvas.
    await page.keyboard.press("Escape");
    await expect(mappingPanel(page)).toHaveCount(0);
    await page.getByTestId("module-node-3").click();
    await addFromPalette(page, "create json", /^Create JSON/);
    await inspector(page).getByRole("textbox", { name: "Data", exact: true }).fill('{"route": "small"}');
    await inspector(page).getByRole("textbox", { name: "Data", exact: true }).blur();
    await expect(page.getByTestId("module-node-5")).toBeVisible();

    // 4. A filter on each route, built with the condition builder and a pill.
    for (const [to, op, label] of [[4, "text:equal", "Big ones"], [5, "text:notequal", "The rest"]] as const) {
      await page.keyboard.press("Escape");
      await page.getByTestId(`link-3-${to}`).click();
      const link = page.getByTestId("link-inspector");
      await link.getByLabel("Filter label").fill(label);
      await link.getByRole("button", { name: "Add a condition" }).click();
      await link.getByLabel("Value (rule 1 of group 1)").click();
      await mappingPanel(page).getByTestId("pill-1-kind").click();
      await link.getByLabel("Operator (rule 1 of group 1)").selectOption(op);
      await link.getByLabel("Compare with (rule 1 of group 1)").fill("big");
      await expect(page.getByTestId(`link-3-${to}`)).toHaveText(label);
    }

    await page.getByLabel("Revision message").fill("First build");
    await page.keyboard.press("Control+s");
    await expect(page.getByTestId("revision-state")).toHaveText("revision 2");
    await page.screenshot({ path: "test-results/screenshots/editor-built.png" });

    // 5. Run once: wait for the next webhook call, then call it.
    await page.getByRole("button", { name: "Run once" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Start waiting" }).click();
    const url = await page.getByTestId("listen-url").textContent();
    expect((await page.request.post(url!, { data: { kind: "big", amount: 5 } })).status()).toBe(200);
    await expect(page.getByTestId("run-status")).toContainText("success");
    // The router only routes (no operation of its own); the filtered-out route never ran.
    for (const id of [1, 2, 4]) await expect(page.getByTestId(`bubble-${id}`)).toHaveText("1");
    await expect(page.getByTestId("bubble-5")).toHaveCount(0);

    // 6. Inspect: the filtered route's input, and what the echo service received.
    await page.getByTestId("bubble-4").click();
    const ops = inspector(page).getByTestId("module-operations");
    await expect(ops).toContainText('"route": "big"');
    await expect(ops).toContainText('"status": 200');
    await page.getByTestId("bubble-2").click();
    await expect(inspector(page).getByTestId("module-operations")).toContainText('"kind": "big"');
    await page.screenshot({ path: "test-results/screenshots/editor-run.png" });

    // 7. Reload: everything as saved.
    await page.reload();
    await expect(page.getByTestId("module-node-5")).toBeVisible();
    await expect(page.getByTestId("link-3-4")).toHaveText("Big ones");
    const id = page.url().split("/scenarios/")[1].split("/")[0];
    const saved = await (await page.request.get(`/api/v1/scenarios/${id}`)).json();
    expect(saved.blueprint.links).toEqual([
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 4, filter: { label: "Big ones", conditions: [[{ a: "{{1.kind}}", op: "text:equal", b: "big" }]] } },
      { from: 3, to: 5, filter: { label: "The rest", conditions: [[{ a: "{{1.kind}}", op: "text:notequal", b: "big" }]] } },
    ]);
    expect(saved.blueprint.modules[1].mapper).toMatchObject({ url: echo.url, method: "POST", body: { type: "json", content: '{"kind": "{{1.kind}}", "amount": {{1.amount}}}' } });
  } finally {
    await echo.close();
  }
});
