import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.PATCHBAY_E2E_PORT ?? 3217);
export const E2E_ADMIN = { email: "admin@example.com", password: "e2e-admin-password" };

// Debian's Chromium when present (CI and this machine); Playwright's own browser on an ordinary laptop.
const systemChromium = "/usr/bin/chromium";
const executablePath = fs.existsSync(systemChromium) ? systemChromium : undefined;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  outputDir: "test-results/e2e",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "rm -rf test-results/e2e-data && node --import tsx server/main.ts",
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      PATCHBAY_DATA_DIR: "test-results/e2e-data",
      PATCHBAY_ADMIN_EMAIL: E2E_ADMIN.email,
      PATCHBAY_ADMIN_PASSWORD: E2E_ADMIN.password,
      PATCHBAY_LOG_LEVEL: "warn",
      // Specs start small local servers (an echo server) for HTTP modules to call.
      PATCHBAY_HTTP_ALLOW: "127.0.0.1",
      // Module sunsets are judged against this date, not the clock: specs do not change with the calendar.
      PATCHBAY_SUNSET_TODAY: "2027-01-15",
    },
  },
});
