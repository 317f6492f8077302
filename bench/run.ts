import { editorBench } from "./editor";
import { engineBench, type BenchRow } from "./engine";
import { webhookBench } from "./webhooks";

/**
 * `npm run bench`: reproducible measurements, printed as one table. Targets live in docs/performance.md.
 * PATCHBAY_BENCH_SECONDS (per webhook case, default 15), PATCHBAY_BENCH_SOAK_SECONDS (the embedded case,
 * default 60), PATCHBAY_BENCH_CONNECTIONS (default 50) and PATCHBAY_BENCH_CASES (e.g. "embedded,distributed";
 * "none" for the engine only) make a quick run possible.
 */
async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  rows.push(...(await engineBench()));
  rows.push(...(await editorBench()));
  rows.push(...(await webhookBench()));
  const header: BenchRow = { case: "case", value: "rate", unit: "unit", p50: "p50 ms", p99: "p99 ms", rss: "RSS MB", ratio: "× bare node", note: "note" };
  const columns: Array<{ key: keyof BenchRow; right?: boolean }> = [
    { key: "case" },
    { key: "value", right: true },
    { key: "unit" },
    { key: "p50", right: true },
    { key: "p99", right: true },
    { key: "rss", right: true },
    { key: "ratio", right: true },
    { key: "note" },
  ];
  const cell = (row: BenchRow, key: keyof BenchRow) => row[key] ?? "—";
  const widths = columns.map(({ key }) => Math.max(...[header, ...rows].map((r) => cell(r, key).length)));
  const line = (row: BenchRow) =>
    "| " + columns.map(({ key, right }, i) => (key === "note" ? cell(row, key) : right ? cell(row, key).padStart(widths[i]) : cell(row, key).padEnd(widths[i]))).join(" | ");
  const ruleLine = "| " + columns.map(({ key }, i) => (key === "note" ? "---" : "-".repeat(widths[i]))).join(" | ");
  process.stdout.write([line(header), ruleLine, ...rows.map(line)].join("\n") + "\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
