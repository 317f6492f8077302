import type { z } from "zod";
import type { ResolvedConnection } from "@/lib/modules/context";
import { InvalidConfigurationError } from "@/lib/modules/errors";

/** A connection's values, checked where they enter a module; a problem names the field, never its value. */
export function connectionValues<T>(connection: ResolvedConnection | null, schema: z.ZodType<T>): T {
  if (!connection) throw new InvalidConfigurationError("This module needs a connection; none is selected.");
  const parsed = schema.safeParse(connection.values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
    throw new InvalidConfigurationError(`Connection ${connection.id} is incomplete${where}: ${issue?.message ?? "invalid values"}. Edit the connection.`);
  }
  return parsed.data;
}
