import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { scenarioRevisions, scenarios } from "../db/schema";
import type { AppDescriptor } from "../modules/app";
import type { ModuleRegistry } from "../modules/registry";
import { moduleStatus } from "../modules/sunset";
import type { Blueprint } from "../scenario/blueprint";
import { migrationChain } from "../versioning/chain";
import type { UsageReport } from "./views";

type ModuleEntry = UsageReport["apps"][number]["modules"][number];

/** Every scenario with its current blueprint (the unit an upgrade works on). */
export async function currentBlueprints(db: Db) {
  const rows = await db
    .select({ id: scenarios.id, name: scenarios.name, active: scenarios.active, revision: scenarios.currentRevision, blueprint: scenarioRevisions.blueprint })
    .from(scenarios)
    .innerJoin(scenarioRevisions, and(eq(scenarioRevisions.scenarioId, scenarios.id), eq(scenarioRevisions.number, scenarios.currentRevision)))
    .orderBy(asc(scenarios.name), asc(scenarios.id));
  return rows.map((r) => ({ ...r, blueprint: r.blueprint as Blueprint }));
}

/**
 * Where old module versions are used: for each app, each module version behind its latest (outdated,
 * deprecated or sunset), the scenarios and module ids that use it. Sunset first, then deprecated, then
 * by sunset date, so what breaks soonest is on top.
 */
export function usageReport(
  rows: Awaited<ReturnType<typeof currentBlueprints>>,
  registry: ModuleRegistry,
  apps: readonly AppDescriptor[],
  today: string,
): Omit<UsageReport, "runs"> {
  const entries = new Map<string, ModuleEntry>();
  const scenariosSeen = new Set<string>();
  for (const row of rows) {
    const modules = Array.isArray(row.blueprint.modules) ? row.blueprint.modules : [];
    for (const m of modules) {
      const found = moduleStatus(m, registry, today);
      if (!found || found.status === "latest") continue;
      const { def, latest, status } = found;
      const key = `${m.module}@${m.version}`;
      let entry = entries.get(key);
      if (!entry) {
        entry = {
          module: m.module,
          title: def.title,
          version: m.version,
          latest,
          status,
          deprecated: def.deprecated,
          upgradable: Array.isArray(migrationChain(registry, m.module, m.version)),
          uses: [],
        };
        entries.set(key, entry);
      }
      let use = entry.uses.find((u) => u.scenarioId === row.id);
      if (!use) entry.uses.push((use = { scenarioId: row.id, scenarioName: row.name, revision: row.revision, active: row.active, moduleIds: [] }));
      use.moduleIds.push(m.id);
      scenariosSeen.add(row.id);
    }
  }
  const rank = { sunset: 0, deprecated: 1, outdated: 2 } as const;
  const sorted = [...entries.values()].sort(
    (a, b) => rank[a.status] - rank[b.status] || (a.deprecated?.sunset ?? "9999").localeCompare(b.deprecated?.sunset ?? "9999") || a.module.localeCompare(b.module) || a.version - b.version,
  );
  const byApp = new Map<string, UsageReport["apps"][number]>();
  for (const entry of sorted) {
    const name = entry.module.split(":")[0];
    let app = byApp.get(name);
    if (!app) byApp.set(name, (app = { app: name, title: apps.find((a) => a.name === name)?.title ?? name, modules: [] }));
    app.modules.push(entry);
  }
  const uses = sorted.reduce((n, e) => n + e.uses.reduce((k, u) => k + u.moduleIds.length, 0), 0);
  const count = (status: ModuleEntry["status"]) => sorted.filter((e) => e.status === status).reduce((n, e) => n + e.uses.reduce((k, u) => k + u.moduleIds.length, 0), 0);
  return {
    today,
    apps: [...byApp.values()],
    totals: { scenarios: scenariosSeen.size, uses, deprecated: count("deprecated"), sunset: count("sunset") },
  };
}
