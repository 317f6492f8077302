import { describe, expect, it } from "vitest";
import { defineModule } from "@/lib/modules/define";
import { createModuleRegistry } from "@/lib/modules/registry";
import { allModules } from "@/modules";
import { checkBlueprintModules } from "./check";
import { testModules } from "./test-modules";
import { blueprint } from "./testing";

const retired = defineModule({
  key: "demo:old",
  version: 1,
  kind: "action",
  title: "Old",
  description: "",
  deprecated: { since: "2026-01-01", sunset: "2026-12-31", reason: "Use demo:new." },
  fields: [],
  output: null,
  run: () => [{}],
});
const registry = createModuleRegistry([...allModules, ...testModules, retired]);

describe("checkBlueprintModules (save time)", () => {
  it("passes a finished scenario", () => {
    const bp = blueprint(
      [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "flow:iterator", version: 1, mapper: { array: "{{1.items}}" } },
        { id: 3, module: "flow:arrayAggregator", version: 1, params: { sourceModule: 2 } },
      ],
      [[1, 2], [2, 3]],
    );
    expect(checkBlueprintModules(bp, registry)).toEqual({ errors: [], warnings: [] });
  });

  it("refuses unknown versions, wrong literal types, misplaced aggregator sources and unknown operators", () => {
    const bp = blueprint(
      [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "flow:repeater", version: 1, mapper: { repeats: "many" } },
        { id: 3, module: "flow:arrayAggregator", version: 1, params: { sourceModule: 4 } },
        { id: 4, module: "flow:composeText", version: 7 },
      ],
      [[1, 2], { from: 2, to: 3, filter: { conditions: [[{ a: 1, op: "number:bigger", b: 2 }]] } }, [3, 4]],
    );
    expect(checkBlueprintModules(bp, registry).errors).toEqual([
      { moduleId: 2, code: "invalid-field", message: "Field “Repeats” (repeats) expects a number, got “many”.", fieldPath: "mapper.repeats" },
      {
        moduleId: 3,
        code: "aggregator-source",
        message: "The source module (4) must come before the aggregator on the same route.",
        fieldPath: "params.sourceModule",
      },
      { moduleId: 4, code: "unknown-module", message: "flow:composeText@7 does not exist." },
      { moduleId: 3, code: "unknown-operator", message: "The filter on 2 → 3 uses an unknown operator “number:bigger”." },
    ]);
  });

  it("warns about what an unfinished scenario still needs, without refusing it", () => {
    const bp = blueprint(
      [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "json:parse", version: 1, mapper: { json: "" } },
        { id: 3, module: "test:secure", version: 1 },
        { id: 4, module: "demo:old", version: 1 },
      ],
      [[1, 2], [2, 3], [3, 4]],
    );
    const { errors, warnings } = checkBlueprintModules(bp, registry);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      { moduleId: 2, code: "missing-required-field", message: "Field “JSON string” is required.", fieldPath: "mapper.json" },
      { moduleId: 3, code: "missing-connection", message: "Choose a test@1 connection." },
      {
        moduleId: 4,
        code: "deprecated-module",
        message: "demo:old@1 is deprecated since 2026-01-01 and stops running on 2026-12-31: Use demo:new.",
      },
    ]);
  });
});
