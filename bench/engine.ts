import { runScenario } from "../lib/engine";
import type { EngineBlueprint } from "../lib/engine/blueprint";
import { registry } from "../modules";

/** One line of the bench table; latency, memory and the ratio to a bare Node server where they apply. */
export interface BenchRow {
  case: string;
  value: string;
  unit: string;
  p50?: string;
  p99?: string;
  /** MB; "web + worker" in distributed mode. */
  rss?: string;
  /** How many times slower than the bare Node http server measured in the same run. */
  ratio?: string;
  note?: string;
}

/**
 * Engine overhead: 10,000 items through iterator → three mapping-heavy modules → array aggregator, with
 * the full per-operation log kept, as a real run does. Reports operations per second and peak memory.
 */
export async function engineBench(items = 10_000): Promise<BenchRow[]> {
  const payload = {
    order: "SO-1042",
    lines: Array.from({ length: items }, (_, i) => ({ sku: `SKU-${i}`, qty: (i % 7) + 1, price: 3.25 + (i % 11), tags: ["a", "b", `t${i % 5}`] })),
  };
  const blueprint: EngineBlueprint = {
    schemaVersion: 1,
    modules: [
      { id: 1, module: "flow:manualTrigger", version: 1, params: {}, mapper: {} },
      { id: 2, module: "flow:iterator", version: 1, params: {}, mapper: { array: "{{1.lines}}" } },
      {
        id: 3,
        module: "json:create",
        version: 1,
        params: {},
        mapper: { data: { sku: "{{upper(2.sku)}}", total: "{{round(2.qty * 2.price; 2)}}", tagged: "{{join(2.tags; \"|\")}}", order: "{{1.order}}" } },
      },
      { id: 4, module: "flow:composeText", version: 1, params: {}, mapper: { text: "{{2.__index}}/{{2.__total}} {{lower(2.sku)}} {{if(2.qty > 3; \"bulk\"; \"single\")}} {{formatNumber(2.price; 2)}}" } },
      { id: 5, module: "flow:setVariable", version: 1, params: { name: "last" }, mapper: { value: "{{substring(4.text; 0; 20)}}" } },
      { id: 6, module: "flow:arrayAggregator", version: 1, params: { sourceModule: 2 }, mapper: { item: "{{3.json}}" } },
    ],
    links: [
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 4 },
      { from: 4, to: 5 },
      { from: 5, to: 6 },
    ],
    settings: { timezone: "UTC", maxOperationsPerRun: 1_000_000 },
  };
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = performance.now();
  const result = await runScenario({ blueprint, registry, trigger: { payload } });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // The run keeps the event loop busy, so the timer may be starved: measure once more with the result held.
  const after = process.memoryUsage();
  peakRss = Math.max(peakRss, after.rss);
  peakHeap = Math.max(peakHeap, after.heapUsed);
  if (result.status !== "success") throw new Error(`engine bench run failed: ${result.error?.message}`);
  return [
    { case: "engine: 10k bundles, iterator → 3 mapping modules → aggregator", value: (result.operations / seconds).toFixed(0), unit: "operations/s", note: `${result.operations} operations in ${seconds.toFixed(2)} s` },
    { case: "engine: peak RSS during that run", value: (peakRss / 1024 / 1024).toFixed(0), unit: "MB", note: `peak heap ${(peakHeap / 1024 / 1024).toFixed(0)} MB` },
  ];
}
