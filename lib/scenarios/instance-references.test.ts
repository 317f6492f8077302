import { describe, expect, it } from "vitest";
import { registry } from "../../modules";
import { blueprintSchema } from "../scenario/blueprint";
import { exportInstanceReferences, resolveInstanceReferences, type InstanceDirectory } from "./instance-references";

const file = blueprintSchema.parse({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: "hook_a" } },
    { id: 2, module: "soap:callWithAuth", version: 1, connection: "conn_a" },
    { id: 3, module: "soap:callWithAuth", version: 1, connection: "conn_a" },
  ],
  links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
});

const here: InstanceDirectory = {
  connections: [
    { id: "conn_http", name: "Billing", type: "http-basic@1" },
    { id: "conn_soap", name: "Billing", type: "soap-basic@1" },
  ],
  webhooks: [{ id: "hook_here", name: "Orders", scenarioId: null }],
};

describe("connections and webhooks in blueprint files", () => {
  it("names each connection and webhook once in an export, null when it no longer exists", () => {
    expect(exportInstanceReferences(file, { connections: [{ id: "conn_a", name: "Billing" }], webhooks: [] })).toEqual({
      connections: [{ id: "conn_a", name: "Billing" }],
      webhooks: [{ id: "hook_a", name: null }],
    });
  });

  it("matches a connection by name among those of a type the module accepts, and leaves the file untouched", () => {
    const { blueprint, report } = resolveInstanceReferences(file, { connections: [{ id: "conn_a", name: "Billing" }], webhooks: [{ id: "hook_a", name: "Orders" }] }, registry, here);
    expect(blueprint.modules.map((m) => m.connection ?? null)).toEqual([null, "conn_soap", "conn_soap"]);
    expect(blueprint.modules[0].params.webhook).toBe("hook_here");
    expect(report.missing).toEqual([]);
    expect(file.modules[1].connection).toBe("conn_a");
  });

  it("gives a free webhook to one module only, and clears what has no match with a message naming it", () => {
    const twice = { ...file, modules: [file.modules[0], { ...file.modules[0], id: 4, params: { webhook: "hook_a" } }, file.modules[1]] };
    const { blueprint, report } = resolveInstanceReferences(twice, { connections: [{ id: "conn_a", name: "Payroll" }], webhooks: [{ id: "hook_a", name: "Orders" }] }, registry, here);
    expect(blueprint.modules.map((m) => m.params.webhook ?? null)).toEqual(["hook_here", null, null]);
    expect(blueprint.modules[2].connection).toBeNull();
    expect(report.missing.map((m) => m.message)).toEqual([
      "Module 4 (Custom webhook): there is no free webhook “Orders” here; pick or add one in the editor (a new webhook has a new URL).",
      "Module 2 (Call a SOAP operation (with credentials)): there is no connection “Payroll” of type soap-basic@1 or soap-header@1 that you may use here; pick or add one in the editor.",
    ]);
  });
});
