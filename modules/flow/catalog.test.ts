import { describe, expect, it } from "vitest";
import { describeModule } from "@/lib/modules/describe";
import { registryProblems } from "@/lib/modules/registry";
import { checkForSave } from "@/lib/modules/validators";
import { allModules, apps, latestVersion, listModules, registry } from "@/modules";

// Covers everything modules/index.ts registers, not only flow.
describe("shipped modules", () => {
  it("registers every module version once, each under a known app", () => {
    expect(listModules().map((d) => `${d.key}@${d.version}`)).toEqual(
      [...allModules].map((d) => `${d.key}@${d.version}`).sort(),
    );
    const appNames = new Set(apps.map((a) => a.name));
    expect(allModules.filter((d) => !appNames.has(d.app))).toEqual([]);
    expect(latestVersion("flow:router")).toBe(1);
  });

  it("has no broken upgrade chains", () => {
    expect(registryProblems(registry)).toEqual([]);
  });

  it("describes every module as plain JSON", () => {
    for (const def of allModules) {
      const description = describeModule(def);
      expect(JSON.parse(JSON.stringify(description)), def.key).toEqual(description);
    }
  });

  it("accepts its own defaults at save time", () => {
    for (const def of allModules) {
      const defaults = (isStatic: boolean) =>
        Object.fromEntries(def.fields.filter((f) => (f.static === true) === isStatic && f.default !== undefined).map((f) => [f.name, f.default]));
      expect(checkForSave(def, { params: defaults(true), mapper: defaults(false) }), def.key).toEqual([]);
    }
  });
});
