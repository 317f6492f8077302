import type { ModuleDefinition } from "@/lib/modules/define";
import { defineModule } from "@/lib/modules/define";
import { ModuleError, type ModuleErrorType } from "@/lib/modules/errors";

/**
 * Modules that exist for engine tests and golden fixtures only: they fail on demand, take part in the
 * run's transaction, and use a connection, so error handlers, commit/rollback and redaction can be
 * exercised without a remote API. Never registered in modules/index.ts.
 */
export const failModule = defineModule({
  key: "test:maybeFail",
  version: 1,
  kind: "action",
  title: "Maybe fail",
  description: "Echoes `echo`; throws an error of type `errorType` when `fail` is true.",
  fields: [
    { name: "fail", label: "Fail", type: "boolean", default: false },
    {
      name: "errorType",
      label: "Error type",
      type: "select",
      default: "ConnectionError",
      options: [
        { value: "ConnectionError", label: "Connection" },
        { value: "DataError", label: "Data" },
        { value: "RateLimitError", label: "Rate limit" },
      ],
    },
    { name: "echo", label: "Echo", type: "any" },
  ],
  output: [{ name: "echo", label: "Echo", type: "any" }],
  run({ values }) {
    if (values.fail) throw new ModuleError(values.errorType as ModuleErrorType, `Remote refused ${JSON.stringify(values.echo ?? null)}`);
    return [{ echo: values.echo ?? null }];
  },
});

/** Writes `ledger:<entry>` = "pending"; the run's commit makes it "committed", a rollback "rolledBack". */
export const ledgerModule = defineModule({
  key: "test:ledger",
  version: 1,
  kind: "action",
  title: "Ledger write",
  description: "A transactional write into the scenario store.",
  fields: [{ name: "entry", label: "Entry", type: "text", required: true }],
  output: [{ name: "entry", label: "Entry", type: "text" }],
  async run({ values, store, transaction }) {
    const key = `ledger:${values.entry}`;
    await store.set(key, "pending");
    transaction.enlist({
      name: key,
      commit: () => store.set(key, "committed"),
      rollback: () => store.set(key, "rolledBack"),
    });
    return [{ entry: values.entry }];
  },
});

/** Uses a `test@1` connection and leaks its key into its output and log, which redaction must catch. */
export const secureModule = defineModule({
  key: "test:secure",
  version: 1,
  kind: "action",
  title: "Secure call",
  description: "Calls a pretend API with the connection's key.",
  connection: "test@1",
  fields: [
    { name: "query", label: "Query", type: "text" },
    { name: "pin", label: "PIN", type: "text", sensitive: true },
  ],
  output: [
    { name: "url", label: "URL", type: "text" },
    { name: "accessToken", label: "Access token", type: "text" },
  ],
  run({ values, connection, log }) {
    const key = String(connection?.values.apiKey);
    log.info(`calling with key ${key}`, { password: "hunter22", query: values.query });
    return [{ url: `https://api.example.test/search?q=${values.query ?? ""}&key=${key}`, accessToken: "tok-123456789" }];
  },
});

export const testModules: readonly ModuleDefinition[] = [failModule, ledgerModule, secureModule];
