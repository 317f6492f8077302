import fs from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { ADMIN, startServer } from "../test/support/server";
import type { BenchRow } from "./engine";

const MODULES = 300;
const ROUTES = 10;
const RUNS = 3;

/**
 * The editor with a big scenario, in Chromium: time to show the canvas, frame times while panning, and how
 * many other nodes re-render when one node is dragged (memoised nodes: the target is 0). Needs `npm run build`.
 */
export async function editorBench(): Promise<BenchRow[]> {
  const server = await startServer({ db: "pglite" });
  const browser = await chromium.launch({
    executablePath: fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      window.__patchbayNodeRenders = {};
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("current-user").waitFor();
    const created = await page.request.post(`${server.url}/api/v1/scenarios`, { data: { name: "300 modules", blueprint: bigBlueprint() } });
    if (created.status() !== 201) throw new Error(`could not create the scenario: ${created.status()} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };

    const opens: number[] = [];
    for (let i = 0; i < RUNS; i++) opens.push(await timeToCanvas(page, `${server.url}/scenarios/${id}/edit`));
    const pan = await panFrames(page);
    const renders = await rendersOnDrag(page);
    // The same pan on a 2-module scenario: what this headless, GPU-less browser manages with nothing to draw.
    const small = await page.request.post(`${server.url}/api/v1/scenarios`, { data: { name: "2 modules", blueprint: smallBlueprint() } });
    if (small.status() !== 201) throw new Error(`could not create the small scenario: ${small.status()}`);
    await timeToCanvas(page, `${server.url}/scenarios/${((await small.json()) as { id: string }).id}/edit`);
    const baseline = await panFrames(page);
    return [
      { case: `editor: open a ${MODULES}-module scenario`, value: String(median(opens)), unit: "ms", note: `median of ${RUNS}, navigation to nodes on screen; target < 1500 ms` },
      { case: "editor: pan frame time p95", value: pan.p95.toFixed(1), unit: "ms", note: `${pan.frames} frames while dragging the canvas; 16.7 ms = 60 fps` },
      { case: "editor: pan frame time p95, 2-module baseline", value: baseline.p95.toFixed(1), unit: "ms", note: `${baseline.frames} frames; the same pan with almost nothing on the canvas` },
      { case: "editor: other nodes re-rendered by a drag", value: String(renders.others), unit: "nodes", note: `the dragged node rendered ${renders.dragged}×; target 0 others` },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Trigger → router → 10 routes of JSON modules, `MODULES` in all, as people build big scenarios. */
function bigBlueprint() {
  const modules: Array<Record<string, unknown>> = [
    { id: 1, module: "flow:manualTrigger", version: 1, params: { sample: { name: "Ada", n: 1 } } },
    { id: 2, module: "flow:router", version: 1 },
  ];
  const links: Array<{ from: number; to: number }> = [{ from: 1, to: 2 }];
  const perRoute = Math.ceil((MODULES - 2) / ROUTES);
  let id = 2;
  for (let r = 0; r < ROUTES && id < MODULES; r++) {
    let previous = 2;
    for (let k = 0; k < perRoute && id < MODULES; k++) {
      id++;
      modules.push({ id, module: "json:create", version: 1, mapper: { data: { route: r, step: k, name: "{{1.name}}" } } });
      links.push({ from: previous, to: id });
      previous = id;
    }
  }
  return { schemaVersion: 1, modules, links };
}

function smallBlueprint() {
  return {
    schemaVersion: 1,
    modules: [
      { id: 1, module: "flow:manualTrigger", version: 1 },
      { id: 2, module: "json:create", version: 1, mapper: { data: { name: "{{1.name}}" } } },
    ],
    links: [{ from: 1, to: 2 }],
  };
}

async function timeToCanvas(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await page.waitForSelector('[data-testid^="module-node-"]');
  // Settled: the number of nodes on screen stops changing for a moment.
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __lastCount?: number; __stableSince?: number };
      const count = document.querySelectorAll('[data-testid^="module-node-"]').length;
      const now = performance.now();
      if (count !== w.__lastCount) {
        w.__lastCount = count;
        w.__stableSince = now;
        return false;
      }
      return now - (w.__stableSince ?? now) > 150;
    },
    undefined,
    { polling: 50 },
  );
  return Date.now() - started - 150;
}

async function panFrames(page: Page): Promise<{ p95: number; frames: number }> {
  const pane = await page.locator(".react-flow__pane").boundingBox();
  if (!pane) throw new Error("no canvas");
  // A string, not a function: tsx's name helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const x = pane.x + pane.width / 2;
  const y = pane.y + pane.height - 40;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) await page.mouse.move(x - i * 10, y - i * 4);
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  return { p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0, frames: gaps.length };
}

async function rendersOnDrag(page: Page): Promise<{ dragged: number; others: number }> {
  // Fresh view, zoomed in so a module is big enough to grab.
  await page.reload();
  await page.waitForSelector('[data-testid^="module-node-"]');
  for (let i = 0; i < 8; i++) await page.getByRole("button", { name: "Zoom In" }).click();
  await page.waitForTimeout(300);
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const onScreen = await page.locator('[data-testid^="module-node-"]').evaluateAll(
    (els, vp) => els.findIndex((el) => {
      const r = el.getBoundingClientRect();
      return r.left > 300 && r.right < vp.width - 420 && r.top > 150 && r.bottom < vp.height - 50;
    }),
    viewport,
  );
  if (onScreen < 0) throw new Error("no module fully on screen to drag");
  const node = page.locator('[data-testid^="module-node-"]').nth(onScreen);
  const draggedId = Number((await node.getAttribute("data-testid"))?.replace("module-node-", ""));
  const box = await node.boundingBox();
  if (!box) throw new Error("no module on screen");
  await page.evaluate(() => {
    window.__patchbayNodeRenders = {};
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 3);
  await page.mouse.up();
  const after = await node.boundingBox();
  if (!after || Math.abs(after.x - box.x) < 5) throw new Error("the drag did not move the module");
  const counts = await page.evaluate(() => window.__patchbayNodeRenders ?? {});
  const dragged = counts[draggedId] ?? 0;
  const others = Object.entries(counts).filter(([id, n]) => Number(id) !== draggedId && n > 0).length;
  return { dragged, others };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
