import { z } from "zod";

/** Version of the blueprint document format itself, independent of module versions. */
export const CURRENT_SCHEMA_VERSION = 1;

const jsonRecord = z.record(z.string(), z.unknown());

export const errorDirectiveSchema = z
  .object({
    directive: z.enum(["ignore", "resume", "break", "rollback", "commit"]),
  })
  // Directive settings (e.g. resume's substitute output, break's retry policy) are kept as sent.
  .catchall(z.unknown());

export const filterConditionSchema = z.object({
  a: z.unknown(),
  op: z.string().min(1),
  b: z.unknown().optional(),
});

export const filterSchema = z.object({
  label: z.string().max(200).default(""),
  /** OR of AND groups: outer array = alternatives, inner array = conditions that must all hold. */
  conditions: z.array(z.array(filterConditionSchema)),
});

export const moduleKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9]*$/, "Module keys look like \"app:moduleName\".");

export const blueprintModuleSchema = z.strictObject({
  id: z.number().int().positive(),
  module: moduleKeySchema,
  version: z.number().int().positive(),
  connection: z.string().min(1).nullable().optional(),
  params: jsonRecord.default({}),
  mapper: jsonRecord.default({}),
  onError: errorDirectiveSchema.nullable().optional(),
  ui: z
    .object({
      x: z.number().finite().default(0),
      y: z.number().finite().default(0),
      note: z.string().max(5000).optional(),
    })
    .optional(),
});

export const blueprintLinkSchema = z.strictObject({
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  filter: filterSchema.nullable().optional(),
  /** Only on links leaving a router: the route that takes bundles no other route took. */
  fallback: z.boolean().optional(),
});

export const scenarioSettingsSchema = z
  .object({
    timezone: z
      .string()
      .refine(isValidTimezone, { message: "Unknown time zone; use an IANA name such as Europe/Paris." })
      .default("UTC"),
    maxResultsPerRun: z.number().int().positive().max(100_000).default(100),
    maxOperationsPerRun: z.number().int().positive().max(10_000_000).default(100_000),
    maxDurationSeconds: z.number().int().positive().max(24 * 3600).default(40 * 60),
    sequential: z.boolean().default(false),
    /** Let a scheduled run start while the previous one is still going (default: skip it). */
    allowParallelRuns: z.boolean().default(false),
    autoDeactivateAfterErrors: z.number().int().min(0).max(1000).default(3),
  })
  .catchall(z.unknown());

export const blueprintSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  modules: z.array(blueprintModuleSchema).max(2000),
  links: z.array(blueprintLinkSchema).max(4000),
  settings: scenarioSettingsSchema.default(() => scenarioSettingsSchema.parse({})),
});

export type Blueprint = z.infer<typeof blueprintSchema>;
export type BlueprintInput = z.input<typeof blueprintSchema>;
export type BlueprintModule = z.infer<typeof blueprintModuleSchema>;
export type BlueprintLink = z.infer<typeof blueprintLinkSchema>;
export type ScenarioSettings = z.infer<typeof scenarioSettingsSchema>;
export type ErrorDirective = z.infer<typeof errorDirectiveSchema>;
export type Filter = z.infer<typeof filterSchema>;

export function emptyBlueprint(): Blueprint {
  return blueprintSchema.parse({ schemaVersion: CURRENT_SCHEMA_VERSION, modules: [], links: [] });
}

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
