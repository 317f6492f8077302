import { z } from "zod";
import type { DataStoreDirectory } from "./datastores/directory";
import { AppError } from "./errors";
import { describeModule, type ModuleDescription } from "./modules/describe";
import { sunsetToday } from "./modules/sunset";
import { allModules, apps, registry } from "../modules";

/** GET /api/v1/modules: apps with their modules; every version listed, latest first, with deprecation data. */
export function moduleCatalog() {
  return {
    /** The date sunsets are judged against (PATCHBAY_SUNSET_TODAY when set), for "sunset" badges. */
    today: sunsetToday(),
    apps: apps.map((app) => ({
      ...app,
      modules: [...new Set(allModules.filter((m) => m.app === app.name).map((m) => m.key))].map((key) => {
        const versions = registry.versionsOf(key).reverse().map((v) => describeModule(registry.getModule(key, v)!));
        const latest = versions[0];
        return {
          key,
          title: latest.title,
          kind: latest.kind,
          latestVersion: latest.version,
          versions: versions.map(({ version, deprecated, title, description, connection, instant }) => ({
            version,
            title,
            description,
            connection,
            instant,
            deprecated,
          })),
        };
      }),
    })),
  };
}

export const describeModuleQuery = z.object({
  /** JSON-encoded params, to resolve an output spec that depends on them. */
  params: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      try {
        const parsed: unknown = JSON.parse(s);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: "custom", message: "params must be a JSON object." });
      return z.NEVER;
    }),
});

/** `directory` lets an output spec follow a data structure the params pick (json:parse, a store's records). */
export function moduleDescription(key: string, version: string, params?: Record<string, unknown>, directory?: DataStoreDirectory): ModuleDescription {
  const v = Number(version);
  const def = Number.isInteger(v) ? registry.getModule(key, v) : undefined;
  if (!def) throw new AppError("not_found", `Module ${key} version ${version} does not exist.`);
  return describeModule(def, params, directory);
}
