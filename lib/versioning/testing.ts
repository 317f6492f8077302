/** Small fake modules for the planner's tests: a chain t:mod v1→v2→v3 with renames, and friends. */
import { defineModule, type MigrationResult, type ModuleSnapshot } from "../modules/define";
import { createModuleRegistry, type ModuleRegistry } from "../modules/registry";
import { blueprintSchema, type Blueprint, type BlueprintInput } from "../scenario/blueprint";

const text = (name: string) => ({ name, label: name, type: "text" as const });
const run = () => [{}];

export function fakeModules(overrides: { v2Migrate?: (old: ModuleSnapshot) => MigrationResult; withV3?: boolean; brokenV3?: boolean } = {}) {
  const v1 = defineModule({ key: "t:mod", version: 1, kind: "action", title: "Mod", description: "", connection: "t@1", fields: [text("a"), text("url")], output: [{ name: "data", label: "Data", type: "text" }], run });
  const v2 = defineModule({
    key: "t:mod",
    version: 2,
    kind: "action",
    title: "Mod",
    description: "",
    connection: "t@1|t@2",
    fields: [text("b"), text("url")],
    output: [{ name: "body", label: "Body", type: "text" }],
    upgradeFrom: {
      version: 1,
      migrate:
        overrides.v2Migrate ??
        ((old) => {
          const { a, ...mapper } = old.mapper;
          return { params: { ...old.params }, mapper: { ...mapper, b: a }, renamedOutputs: { data: "body" }, notes: ["Check b."] };
        }),
    },
    run,
  });
  const v3 = defineModule({
    key: "t:mod",
    version: 3,
    kind: "action",
    title: "Mod",
    description: "",
    connection: "t@3",
    fields: [text("b"), text("url")],
    output: [{ name: "payload", label: "Payload", type: "text" }],
    upgradeFrom: {
      version: overrides.brokenV3 ? 1 : 2,
      migrate: (old) => ({ params: { ...old.params }, mapper: { ...old.mapper }, renamedOutputs: { body: "payload" }, notes: ["Check v3."] }),
    },
    run,
  });
  const compose = defineModule({ key: "t:compose", version: 1, kind: "action", title: "Compose", description: "", fields: [text("text")], output: null, run });
  return [v1, v2, ...(overrides.withV3 ? [v3] : []), compose];
}

export function fakeRegistry(overrides: Parameters<typeof fakeModules>[0] = {}): ModuleRegistry {
  return createModuleRegistry(fakeModules(overrides));
}

export function bp(input: Omit<BlueprintInput, "schemaVersion">): Blueprint {
  return blueprintSchema.parse({ schemaVersion: 1, ...input });
}
