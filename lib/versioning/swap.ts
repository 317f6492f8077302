import { acceptsConnectionType } from "../modules/define";
import type { ModuleRegistry } from "../modules/registry";
import type { Blueprint } from "../scenario/blueprint";

/** Swap connection: one connection for every module of an app that takes a connection. */
export interface ConnectionSwap {
  app: string;
  connectionId: string;
  /** Modules given the connection (those that already had it are left out). */
  swapped: Array<{ moduleId: number; module: string; version: number; title: string; before: string | null }>;
  /** Modules of the app that cannot take this connection's type, with why. */
  skipped: Array<{ moduleId: number; module: string; version: number; title: string; reason: string }>;
}

/** Plans the swap and returns the blueprint after it. Pure. */
export function swapConnection(
  blueprint: Blueprint,
  registry: ModuleRegistry,
  app: string,
  connection: { id: string; type: string; name: string },
): { swap: ConnectionSwap; blueprint: Blueprint } {
  const swap: ConnectionSwap = { app, connectionId: connection.id, swapped: [], skipped: [] };
  const modules = blueprint.modules.map((m) => {
    if (m.module.split(":")[0] !== app) return m;
    const def = registry.getModule(m.module, m.version);
    if (!def?.connection) return m;
    const entry = { moduleId: m.id, module: m.module, version: m.version, title: def.title };
    if (!acceptsConnectionType(def.connection, connection.type)) {
      swap.skipped.push({ ...entry, reason: `“${connection.name}” is a ${connection.type} connection; ${def.title} v${def.version} needs ${def.connection.split("|").join(" or ")}${registry.latestVersion(m.module)! > m.version ? " (upgrade it first)" : ""}.` });
      return m;
    }
    if (m.connection === connection.id) return m;
    swap.swapped.push({ ...entry, before: m.connection ?? null });
    return { ...m, connection: connection.id };
  });
  return { swap, blueprint: swap.swapped.length === 0 ? blueprint : { ...blueprint, modules } };
}

export function swapMessage(swap: ConnectionSwap, connectionName: string): string {
  const n = swap.swapped.length;
  return `Swapped the ${swap.app} connection to “${connectionName}” on ${n} module${n === 1 ? "" : "s"}`.slice(0, 500);
}
