import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  PATCHBAY_DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  PATCHBAY_SANDBOX: z.enum(["0", "1"]).optional(),
  PATCHBAY_ADMIN_EMAIL: z.string().optional(),
  PATCHBAY_ADMIN_PASSWORD: z.string().optional(),
  PATCHBAY_LOG_LEVEL: z.string().optional(),
  PATCHBAY_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().optional(),
  // Read where sunsets are judged (lib/modules/sunset.ts); checked here so a typo stops the start, not a run.
  PATCHBAY_SUNSET_TODAY: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "PATCHBAY_SUNSET_TODAY must be a date written YYYY-MM-DD.")
    .refine((v) => v === "" || !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "PATCHBAY_SUNSET_TODAY is not a real date.")
    .optional(),
});

export interface PatchbayConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  sandbox: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  /** Failed sign-ins allowed per account per minute before further attempts are refused. */
  loginMaxFailuresPerMinute: number;
}

/** Read once per call; cheap, and keeps tests free to set env before the server boots. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): PatchbayConfig {
  const parsed = envSchema.parse(env);
  return {
    dataDir: path.resolve(parsed.PATCHBAY_DATA_DIR ?? "data"),
    databaseUrl: parsed.DATABASE_URL || undefined,
    sandbox: parsed.PATCHBAY_SANDBOX !== "0",
    adminEmail: parsed.PATCHBAY_ADMIN_EMAIL || undefined,
    adminPassword: parsed.PATCHBAY_ADMIN_PASSWORD || undefined,
    logLevel: parsed.PATCHBAY_LOG_LEVEL ?? "info",
    loginMaxFailuresPerMinute: parsed.PATCHBAY_LOGIN_MAX_FAILURES ?? 10,
  };
}
