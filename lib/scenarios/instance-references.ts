import type { ModuleRegistry } from "../modules/registry";
import { acceptsConnectionType } from "../modules/define";
import type { Blueprint } from "../scenario/blueprint";
import type { ExportReferences } from "../scenario/export";

/**
 * Connections and webhooks in a blueprint file. Their ids belong to the instance that exported it, so an
 * export names them and an import matches connections by name and type and keeps a webhook only when it
 * is free here; what cannot be matched is cleared and reported, so the import succeeds and the editor
 * asks for a pick (as Fusion does), instead of the save check refusing the whole file.
 */

export interface InstanceDirectory {
  /** Connections the importing person may pick, with their type id (`workfront@2`). */
  connections: ReadonlyArray<{ id: string; name: string; type: string }>;
  webhooks: ReadonlyArray<{ id: string; name: string; scenarioId: string | null }>;
}

export interface InstanceReference {
  moduleId: number;
  kind: "connection" | "webhook";
  param: string;
  name: string | null;
  /** Matched: the id here. Missing: the id in the file. */
  id: string;
}

export interface InstanceReferenceReport {
  matched: InstanceReference[];
  missing: Array<InstanceReference & { message: string }>;
}

type Named = Pick<ExportReferences, "connections" | "webhooks">;

const webhookOf = (m: Blueprint["modules"][number]) => (typeof m.params.webhook === "string" && m.params.webhook !== "" ? m.params.webhook : null);

/** The names of the connections and webhooks a blueprint uses, for the export file. */
export function exportInstanceReferences(blueprint: Blueprint, directory: { connections: ReadonlyArray<{ id: string; name: string }>; webhooks: ReadonlyArray<{ id: string; name: string }> }): Named {
  const named: Named = { connections: [], webhooks: [] };
  for (const m of blueprint.modules) {
    if (m.connection && !named.connections.some((c) => c.id === m.connection)) {
      named.connections.push({ id: m.connection, name: directory.connections.find((c) => c.id === m.connection)?.name ?? null });
    }
    const hook = webhookOf(m);
    if (hook && !named.webhooks.some((w) => w.id === hook)) named.webhooks.push({ id: hook, name: directory.webhooks.find((w) => w.id === hook)?.name ?? null });
  }
  return named;
}

/** Rewrites a parsed blueprint's connection and webhook ids to this instance's; returns a new blueprint. */
export function resolveInstanceReferences(
  source: Blueprint,
  named: Named,
  registry: ModuleRegistry,
  directory: InstanceDirectory,
): { blueprint: Blueprint; report: InstanceReferenceReport } {
  const blueprint = structuredClone(source);
  const report: InstanceReferenceReport = { matched: [], missing: [] };
  const claimed = new Set<string>();
  for (const m of blueprint.modules) {
    const def = registry.getModule(m.module, m.version);
    const title = def?.title ?? m.module;
    if (m.connection) {
      const declared = def?.connection ?? null;
      const name = named.connections.find((c) => c.id === m.connection)?.name ?? null;
      const fits = (c: InstanceDirectory["connections"][number]) => declared !== null && acceptsConnectionType(declared, c.type);
      const sameId = directory.connections.find((c) => c.id === m.connection && fits(c) && (name === null || c.name === name));
      const target = sameId ?? (name === null ? undefined : directory.connections.find((c) => c.name === name && fits(c)));
      if (target) {
        m.connection = target.id;
        report.matched.push({ moduleId: m.id, kind: "connection", param: "connection", name: target.name, id: target.id });
      } else {
        const what = name === null ? `connection ${m.connection}` : `connection “${name}”`;
        report.missing.push({
          moduleId: m.id,
          kind: "connection",
          param: "connection",
          name,
          id: m.connection,
          message: `Module ${m.id} (${title}): there is no ${what}${declared ? ` of type ${declared.split("|").join(" or ")}` : ""} that you may use here; pick or add one in the editor.`,
        });
        m.connection = null;
      }
    }
    const hook = webhookOf(m);
    if (hook) {
      const name = named.webhooks.find((w) => w.id === hook)?.name ?? null;
      const free = (w: InstanceDirectory["webhooks"][number]) => w.scenarioId === null && !claimed.has(w.id);
      const target = directory.webhooks.find((w) => w.id === hook && free(w)) ?? (name === null ? undefined : directory.webhooks.find((w) => w.name === name && free(w)));
      if (target) {
        claimed.add(target.id);
        m.params.webhook = target.id;
        report.matched.push({ moduleId: m.id, kind: "webhook", param: "webhook", name: target.name, id: target.id });
      } else {
        const taken = directory.webhooks.some((w) => w.id === hook);
        report.missing.push({
          moduleId: m.id,
          kind: "webhook",
          param: "webhook",
          name,
          id: hook,
          message: `Module ${m.id} (${title}): ${taken ? `webhook “${name ?? hook}” already belongs to another scenario` : `there is no free webhook ${name === null ? hook : `“${name}”`} here`}; pick or add one in the editor (a new webhook has a new URL).`,
        });
        delete m.params.webhook;
      }
    }
  }
  return { blueprint, report };
}
