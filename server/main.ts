import http from "node:http";
import next from "next";
import { boot } from "../lib/boot";
import { closeDb, databaseKind } from "../lib/db/client";
import { log } from "../lib/log";
import { getRuntime, stopRuntime } from "../lib/runtime";
import { handleWebhook } from "../lib/webhooks/intake";
import { mountSandboxes } from "./sandboxes";
import { metrics, serveMetrics } from "../lib/metrics";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

async function main(): Promise<void> {
  // next-auth builds absolute URLs from NEXTAUTH_URL; default it to where this process listens.
  if (!process.env.NEXTAUTH_URL && host !== "0.0.0.0" && host !== "::") process.env.NEXTAUTH_URL = `http://${host}:${port}`;
  // The app's own origin serves the sandboxes; connectors reach them through the guarded client. Set in
  // the environment (read on every request) so Next's bundled copies of lib/http see it too.
  const ownOrigin = `${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  process.env.PATCHBAY_HTTP_ALLOW = [process.env.PATCHBAY_HTTP_ALLOW, ownOrigin].filter(Boolean).join(",");
  process.env.PATCHBAY_PUBLIC_URL ??= `http://${ownOrigin}`;
  const { config, admin } = await boot({ origin: `http://${ownOrigin}` });
  const runtime = getRuntime();
  metrics(runtime);
  const sandboxes = config.sandbox ? mountSandboxes() : undefined;
  const app = next({ dev, hostname: host, port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    const fail = (err: unknown) => {
      log.error({ err, url: req.url?.replace(/\/hooks\/[^/?]+/, "/hooks/…") }, "request failed");
      if (!res.headersSent) res.writeHead(500).end();
    };
    // Webhook intake is served here directly: it is the hot path and needs nothing from Next.
    const hook = /^\/hooks\/([A-Za-z0-9_-]{20,})\/?(?:\?|$)/.exec(req.url ?? "");
    if (hook) return void handleWebhook(req, res, hook[1]).catch(fail);
    if (req.url === "/metrics") return void serveMetrics(req, res, runtime).catch(fail);
    if (sandboxes && req.url?.startsWith("/sandbox/")) {
      return void sandboxes
        .handle(req, res)
        .then((handled) => (handled ? undefined : handle(req, res)))
        .catch(fail);
    }
    handle(req, res).catch(fail);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));

  const url = `http://${host}:${port}`;
  const lines = [`Patchbay is running at ${url}`, `  database: ${databaseKind() === "pglite" ? `PGlite in ${config.dataDir}` : "PostgreSQL"}`];
  if (sandboxes) lines.push(`  sandboxes: ${url}/sandbox/workfront and ${url}/sandbox/proof (simulated Workfront and Proof APIs)`);
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
    await sandboxes?.close();
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
