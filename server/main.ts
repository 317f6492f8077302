import http from "node:http";
import next from "next";
import { boot } from "../lib/boot";
import { closeDb, databaseKind } from "../lib/db/client";
import { log } from "../lib/log";
import { getRuntime, stopRuntime } from "../lib/runtime";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

async function main(): Promise<void> {
  // next-auth builds absolute URLs from NEXTAUTH_URL; default it to where this process listens.
  if (!process.env.NEXTAUTH_URL && host !== "0.0.0.0" && host !== "::") process.env.NEXTAUTH_URL = `http://${host}:${port}`;
  const { config, admin } = await boot();
  getRuntime();
  const app = next({ dev, hostname: host, port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, "request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));

  const url = `http://${host}:${port}`;
  const lines = [`Patchbay is running at ${url}`, `  database: ${databaseKind() === "pglite" ? `PGlite in ${config.dataDir}` : "PostgreSQL"}`];
  if (admin.created) {
    lines.push("  First start: an admin account was created.", `    e-mail:   ${admin.email}`);
    if (!config.adminPassword) lines.push(`    password: ${admin.password}`, "  (shown once; change it by creating another admin or keep it safe)");
  }
  // Plain stdout on purpose: this is the operator's first-run message, not a log event.
  process.stdout.write(lines.join("\n") + "\n");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    server.close();
    server.closeAllConnections();
    await stopRuntime();
    await app.close().catch(() => undefined);
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`Patchbay could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
