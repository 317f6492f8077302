import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { readConfig } from "../lib/config";

/** Parents before children, so foreign keys hold at every insert. */
const TABLES = [
  "users",
  "invites",
  "login_failures",
  "api_tokens",
  "scenarios",
  "scenario_revisions",
  "audit_log",
  "executions",
  "execution_logs",
  "incomplete_executions",
  "scenario_state",
  "connections",
  "connection_shares",
  "connection_sessions",
  "oauth_states",
  "instance_settings",
  "webhooks",
];

const BATCH = 500;

/**
 * `npm run db:migrate-to-postgres`: copies an embedded instance (PGlite in PATCHBAY_DATA_DIR) into an empty
 * PostgreSQL database (DATABASE_URL) — users, scenarios, revisions, connections, history — in one transaction.
 * Stop the embedded instance first. Connection secrets stay sealed: start the new instance with the same key.
 */
async function main(): Promise<void> {
  const target = process.env.DATABASE_URL;
  if (!target) throw new Error("Set DATABASE_URL to the PostgreSQL database to move into.");
  const config = readConfig({ ...process.env, DATABASE_URL: "" });
  const source = path.join(config.dataDir, "pglite");
  if (!fs.existsSync(source)) throw new Error(`No embedded database at ${source} (set PATCHBAY_DATA_DIR).`);

  const pool = new pg.Pool({ connectionString: target });
  await migrate(drizzlePg(pool), { migrationsFolder: path.join(process.cwd(), "drizzle") });
  const lite = new PGlite(source);
  const client = await pool.connect();
  try {
    const [{ n }] = (await client.query<{ n: string }>("select count(*) as n from users")).rows;
    if (Number(n) > 0) throw new Error("The target database already has users; move into an empty database.");
    await client.query("begin");
    const copied: string[] = [];
    for (const table of TABLES) {
      const columns = (
        await client.query<{ column_name: string; data_type: string; is_identity: string }>(
          "select column_name, data_type, is_identity from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position",
          [table],
        )
      ).rows;
      const rows = (await lite.query<Record<string, unknown>>(`select * from "${table}"`)).rows;
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        const values: unknown[] = [];
        const tuples = batch.map((row) => {
          const slots = columns.map((c) => {
            const v = row[c.column_name];
            // Arrays and objects in json columns must go as JSON text (pg would write an array literal).
            values.push(c.data_type.startsWith("json") && v !== null && v !== undefined ? JSON.stringify(v) : v);
            return `$${values.length}`;
          });
          return `(${slots.join(", ")})`;
        });
        const identity = columns.some((c) => c.is_identity === "YES") ? " overriding system value" : "";
        await client.query(`insert into "${table}" (${columns.map((c) => `"${c.column_name}"`).join(", ")})${identity} values ${tuples.join(", ")}`, values);
      }
      for (const c of columns.filter((col) => col.is_identity === "YES")) {
        await client.query(`select setval(pg_get_serial_sequence('"${table}"', '${c.column_name}'), coalesce((select max("${c.column_name}") from "${table}"), 0) + 1, false)`);
      }
      copied.push(`${table}: ${rows.length}`);
    }
    await client.query("commit");
    const keyFile = path.join(config.dataDir, "secret.key");
    process.stdout.write(
      [
        "Moved the embedded instance into PostgreSQL:",
        ...copied.map((c) => `  ${c}`),
        "",
        fs.existsSync(keyFile)
          ? `Start the new instance with PATCHBAY_SECRET_KEY set to the contents of ${keyFile} (connection secrets are sealed with it).`
          : "Start the new instance with the same PATCHBAY_SECRET_KEY as before.",
        "",
      ].join("\n"),
    );
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
    await pool.end();
    await lite.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Could not move the data: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
