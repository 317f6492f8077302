import type { BlueprintInput } from "@/lib/scenario/blueprint";
import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_API_KEY } from "./sandbox";

/**
 * Demo data for the app's first start with sandboxes on: connections to the app's own Workfront sandbox
 * (served under `{origin}/sandbox/workfront`) and scenarios that use them.
 *
 * Placeholders the app fills in when it creates the scenarios (lib/demo.ts's convention; `bindWorkfrontDemo`
 * does the same):
 *   "__DEMO_CONNECTION__"    module `connection`: the connection made from `connections[0]` (API key)
 *   "__DEMO_CONNECTION_2__"  module `connection`: the one made from `connections[1]` (username/password)
 *   "__DEMO_WEBHOOK__"       `params.webhook` of Watch events: a webhook created for that scenario
 */
export const DEMO_WEBHOOK = "__DEMO_WEBHOOK__";
export const DEMO_CONNECTION = "__DEMO_CONNECTION__";
export const DEMO_LEGACY_CONNECTION = "__DEMO_CONNECTION_2__";
export const DEMO_API_KEY_CONNECTION = "Workfront sandbox (API key)";
export const DEMO_PASSWORD_CONNECTION = "Workfront sandbox (username and password, legacy)";

export interface WorkfrontDemoConnection {
  name: string;
  type: string;
  values: Record<string, string>;
}

export interface WorkfrontDemoScenario {
  name: string;
  description: string;
  blueprint: BlueprintInput;
}

export interface WorkfrontDemo {
  connections: WorkfrontDemoConnection[];
  scenarios: WorkfrontDemoScenario[];
}

export function workfrontDemo(origin: string): WorkfrontDemo {
  const host = `${origin.replace(/\/+$/, "")}/sandbox/workfront`;
  return {
    connections: [
      { name: DEMO_API_KEY_CONNECTION, type: "workfront@2", values: { host, apiKey: DEMO_API_KEY } },
      { name: DEMO_PASSWORD_CONNECTION, type: "workfront@1", values: { host, username: DEMO_ADMIN_USERNAME, password: DEMO_ADMIN_PASSWORD } },
    ],
    scenarios: [
      {
        name: "Watch task updates → read task → create a note",
        description:
          "Instant: when a task changes in Workfront (try the sandbox page at /sandbox/workfront), reads the task with its project and adds a note with its new status.",
        blueprint: {
          schemaVersion: 1,
          modules: [
            {
              id: 1,
              module: "workfront:watchEvents",
              version: 2,
              connection: DEMO_CONNECTION,
              params: { webhook: DEMO_WEBHOOK, objCode: "TASK", eventType: "UPDATE", filters: [], filterConnector: "AND", excludeOwnEvents: false, apiVersion: "21.0" },
              mapper: {},
              ui: { x: 0, y: 0 },
            },
            {
              id: 2,
              module: "workfront:readRecord",
              version: 2,
              connection: DEMO_CONNECTION,
              params: { objCode: "TASK", outputs: ["projectID"], references: ["project"], collections: [], apiVersion: "21.0" },
              mapper: { id: "{{1.ID}}" },
              ui: { x: 300, y: 0 },
            },
            {
              id: 3,
              module: "workfront:createRecord",
              version: 2,
              connection: DEMO_CONNECTION,
              params: { objCode: "NOTE", apiVersion: "21.0" },
              mapper: {
                fields: [
                  { name: "noteObjCode", value: "TASK" },
                  { name: "objID", value: "{{2.ID}}" },
                  { name: "noteText", value: "Patchbay: “{{2.name}}” in {{2.project.name}} is now {{2.status}} ({{2.percentComplete}}% complete)." },
                ],
              },
              ui: { x: 600, y: 0 },
            },
          ],
          links: [
            { from: 1, to: 2 },
            { from: 2, to: 3 },
          ],
          settings: { timezone: "UTC" },
        },
      },
      {
        name: "Watch new issues → add a triage note",
        description: "Every 15 minutes (polling): each new issue gets a note that says which project it belongs to.",
        blueprint: {
          schemaVersion: 1,
          modules: [
            {
              id: 1,
              module: "workfront:watchRecords",
              version: 2,
              connection: DEMO_CONNECTION,
              params: { objCode: "OPTASK", watch: "new", outputs: ["projectID"], references: ["project"], collections: [], startFrom: "now", apiVersion: "21.0" },
              mapper: { limit: 50 },
              ui: { x: 0, y: 0 },
            },
            {
              id: 2,
              module: "workfront:createRecord",
              version: 2,
              connection: DEMO_CONNECTION,
              params: { objCode: "NOTE", apiVersion: "21.0" },
              mapper: {
                fields: [
                  { name: "noteObjCode", value: "OPTASK" },
                  { name: "objID", value: "{{1.ID}}" },
                  { name: "noteText", value: "Patchbay triage: new issue in {{1.project.name}}, priority {{1.priority}}." },
                ],
              },
              ui: { x: 300, y: 0 },
            },
          ],
          links: [{ from: 1, to: 2 }],
          settings: { timezone: "UTC" },
        },
      },
      {
        name: "Legacy: list current projects (Workfront v1 — upgrade me)",
        description:
          "Built with version 1 of the Workfront modules (API v15.0, username/password). Workfront removed API v15.0, so running it fails; upgrade the module to version 2 and pick the API-key connection.",
        blueprint: {
          schemaVersion: 1,
          modules: [
            { id: 1, module: "flow:manualTrigger", version: 1, params: {}, mapper: {}, ui: { x: 0, y: 0 } },
            {
              id: 2,
              module: "workfront:search",
              version: 1,
              connection: DEMO_LEGACY_CONNECTION,
              params: { objCode: "PROJ", outputs: ["ownerID", "entryDate"], references: ["owner"], collections: [] },
              mapper: { criteria: [{ field: "status", operator: "eq", value: "CUR" }], sort: [{ field: "name", direction: "asc" }], resultSet: "all", limit: 100 },
              ui: { x: 300, y: 0 },
            },
          ],
          links: [{ from: 1, to: 2 }],
          settings: { timezone: "UTC" },
        },
      },
    ],
  };
}

/**
 * The scenarios with their placeholders replaced: connections by the ids of the connections created
 * from `demo.connections` (same order), "__DEMO_WEBHOOK__" by a webhook id per scenario that needs one.
 */
export function bindWorkfrontDemo(demo: WorkfrontDemo, ids: { connections: readonly string[]; webhookFor: (scenarioName: string) => string }): WorkfrontDemoScenario[] {
  const connectionIds: Record<string, string | undefined> = { [DEMO_CONNECTION]: ids.connections[0], [DEMO_LEGACY_CONNECTION]: ids.connections[1] };
  return demo.scenarios.map((scenario) => ({
    ...scenario,
    blueprint: {
      ...scenario.blueprint,
      modules: scenario.blueprint.modules.map((module) => {
        const connection = module.connection ? (connectionIds[module.connection] ?? module.connection) : module.connection;
        const params = module.params?.webhook === DEMO_WEBHOOK ? { ...module.params, webhook: ids.webhookFor(scenario.name) } : module.params;
        return { ...module, connection, params };
      }),
    },
  }));
}
