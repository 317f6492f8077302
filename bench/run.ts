import { editorBench } from "./editor";
import { engineBench, type BenchRow } from "./engine";

/** `npm run bench`: reproducible measurements, printed as one table. Targets live in docs/performance.md. */
async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  rows.push(...(await engineBench()));
  rows.push(...(await editorBench()));
  const widths = [Math.max(4, ...rows.map((r) => r.case.length)), Math.max(5, ...rows.map((r) => r.value.length)), Math.max(4, ...rows.map((r) => r.unit.length))];
  const line = (a: string, b: string, c: string, d: string) => `| ${a.padEnd(widths[0])} | ${b.padStart(widths[1])} | ${c.padEnd(widths[2])} | ${d}`;
  process.stdout.write([line("case", "value", "unit", "note"), line("-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2]), "---"), ...rows.map((r) => line(r.case, r.value, r.unit, r.note ?? ""))].join("\n") + "\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
