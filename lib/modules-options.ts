import { z } from "zod";
import { hasRole, type Actor } from "./auth/roles";
import type { ConnectionService } from "./connections/service";
import type { DataStoreDirectory } from "./datastores/directory";
import { AppError } from "./errors";
import type { FieldSpec, SelectOption } from "./modules/field-spec";
import { registry } from "../modules";

export const optionsInput = z.object({
  connection: z.string().nullable().optional(),
  params: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Options of a `select` field with dynamic options (object types, fields, workspaces…), loaded through the
 * connection the person picked. A builder may only load through connections shared with them.
 */
export async function loadModuleOptions(
  connections: ConnectionService,
  actor: Actor,
  target: { key: string; version: string; name: string },
  input: z.infer<typeof optionsInput>,
  directory?: DataStoreDirectory,
): Promise<SelectOption[]> {
  const def = registry.getModule(target.key, Number(target.version));
  if (!def) throw new AppError("not_found", `Module ${target.key} version ${target.version} does not exist.`);
  const loader = def.options[target.name];
  if (!loader) throw new AppError("not_found", `${def.title} has no option list called ${target.name}.`);
  if (def.connection && !input.connection) throw new AppError("validation_failed", `Choose a connection first: these options are loaded through it.`);
  if (input.connection && !hasRole(actor.role, "admin") && !(await connections.canUse(actor, input.connection))) {
    throw new AppError("forbidden", "That connection is not shared with you.");
  }
  const connection = input.connection ? await connections.resolve(input.connection) : null;
  try {
    return await loader({ connection, params: input.params, signal: AbortSignal.timeout(30_000), directory });
  } catch (error) {
    throw new AppError("validation_failed", `Could not load the options: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Fields generated from the remote service (e.g. soap:call's operation inputs), loaded through the connection. */
export async function loadModuleFields(
  connections: ConnectionService,
  actor: Actor,
  target: { key: string; version: string },
  input: z.infer<typeof optionsInput>,
  directory?: DataStoreDirectory,
): Promise<FieldSpec[]> {
  const def = registry.getModule(target.key, Number(target.version));
  if (!def) throw new AppError("not_found", `Module ${target.key} version ${target.version} does not exist.`);
  if (!def.dynamicFields) return [];
  const missing = def.dynamicFields.dependsOn.filter((name) => input.params[name] === undefined || input.params[name] === "");
  if (missing.length > 0) throw new AppError("validation_failed", `Fill in ${missing.join(", ")} first: the other fields depend on it.`);
  if (input.connection && !hasRole(actor.role, "admin") && !(await connections.canUse(actor, input.connection))) {
    throw new AppError("forbidden", "That connection is not shared with you.");
  }
  const connection = input.connection ? await connections.resolve(input.connection) : null;
  try {
    return await def.dynamicFields.load({ connection, params: input.params, signal: AbortSignal.timeout(30_000), directory });
  } catch (error) {
    throw new AppError("validation_failed", `Could not load the fields: ${error instanceof Error ? error.message : String(error)}`);
  }
}
