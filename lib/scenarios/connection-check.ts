import { hasRole } from "../auth/roles";
import type { ConnectionService } from "../connections/service";
import { AppError } from "../errors";
import type { ModuleRegistry } from "../modules/registry";
import { acceptsConnectionType } from "../modules/define";
import type { ReferenceCheck } from "./service";

/**
 * A module's connection must exist and be of the type the module needs. A builder may only newly pick
 * connections shared with them; connections already in the scenario stay, so editing elsewhere never fails.
 */
export function connectionCheck(service: ConnectionService, registry: ModuleRegistry): ReferenceCheck {
  return async (actor, _scenarioId, next, previous) => {
    const before = new Set(previous?.modules.map((m) => m.connection).filter(Boolean));
    const errors = [];
    for (const m of next.modules) {
      if (!m.connection) continue;
      const needed = registry.getModule(m.module, m.version)?.connection ?? null;
      let row;
      try {
        row = await service.row(m.connection);
      } catch (error) {
        if (error instanceof AppError && error.code === "not_found") {
          errors.push({ moduleId: m.id, code: "unknown-connection", message: `Connection ${m.connection} does not exist.`, fieldPath: "connection" });
          continue;
        }
        throw error;
      }
      const type = `${row.type}@${row.typeVersion}`;
      if (needed === null) {
        errors.push({ moduleId: m.id, code: "connection-not-needed", message: `${m.module} takes no connection.`, fieldPath: "connection" });
      } else if (!acceptsConnectionType(needed, type)) {
        errors.push({ moduleId: m.id, code: "connection-type", message: `“${row.name}” is a ${type} connection; ${m.module} v${m.version} needs ${needed}.`, fieldPath: "connection" });
      } else if (!hasRole(actor.role, "admin") && !before.has(m.connection) && !(await service.canUse(actor, m.connection))) {
        errors.push({ moduleId: m.id, code: "connection-not-shared", message: `“${row.name}” is not shared with you.`, fieldPath: "connection" });
      }
    }
    return errors;
  };
}
