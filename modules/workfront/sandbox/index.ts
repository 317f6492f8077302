import { createServer, type Server } from "node:http";
import { createWorkfrontSandbox, type WorkfrontSandbox, type WorkfrontSandboxOptions } from "./sandbox";

export {
  DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_API_KEY, DEMO_CUSTOMER_ID, DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET, DEMO_USER_PASSWORD,
  DEMO_USER_USERNAME, NEWEST_API_VERSION, OLDEST_API_VERSION,
} from "./constants";
export type { OAuthClient } from "./core";
export type { DeliveryAttempt, DeliveryRecord } from "./events/deliveries";
export { SEED_IDS } from "./seed";
export { createWorkfrontSandbox } from "./sandbox";
export type { SandboxDeliveries, SandboxRecord, SandboxStore, SandboxWriteOptions, WorkfrontSandbox, WorkfrontSandboxOptions } from "./sandbox";

/** Starts the sandbox alone on 127.0.0.1 (port 0 = any free port); `url` includes the basePath. */
export async function startWorkfrontSandbox(options: WorkfrontSandboxOptions & { port?: number } = {}): Promise<WorkfrontSandbox & { url: string; server: Server }> {
  const sandbox = createWorkfrontSandbox(options);
  const server = createServer((req, res) => {
    sandbox
      .handle(req, res)
      .then((handled) => {
        if (!handled && !res.headersSent) res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  return {
    ...sandbox,
    server,
    url: `http://127.0.0.1:${port}${basePath && !basePath.startsWith("/") ? `/${basePath}` : basePath}`,
    async close() {
      await sandbox.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
