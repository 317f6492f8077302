import { describe, expect, it } from "vitest";
import { defineModule } from "./define";
import { createModuleRegistry } from "./registry";
import { countVersions, isPastSunset, sunsetMessage, sunsetToday, versionStatus } from "./sunset";

const deprecated = { since: "2026-01-01", sunset: "2026-06-30", reason: "Use v2." };
const mod = (version: number, extra: Record<string, unknown> = {}) =>
  defineModule({ key: "t:mod", version, kind: "action", title: "Mod", description: "", fields: [], output: null, run: () => [{}], ...extra });
const registry = createModuleRegistry([mod(1, { deprecated }), mod(2, { upgradeFrom: { version: 1, migrate: (o: { params: object; mapper: object }) => ({ ...o, renamedOutputs: {}, notes: [] }) } }), mod(3, { upgradeFrom: { version: 2, migrate: (o: { params: object; mapper: object }) => ({ ...o, renamedOutputs: {}, notes: [] }) } })]);

describe("sunsets", () => {
  it("runs on the sunset day and stops the day after", () => {
    expect(isPastSunset(deprecated, "2026-06-29")).toBe(false);
    expect(isPastSunset(deprecated, "2026-06-30")).toBe(false);
    expect(isPastSunset(deprecated, "2026-07-01")).toBe(true);
    expect(isPastSunset(null, "2099-01-01")).toBe(false);
  });

  it("takes today from PATCHBAY_SUNSET_TODAY when set, and refuses a malformed one", () => {
    expect(sunsetToday({}, new Date("2026-03-04T23:59:00Z"))).toBe("2026-03-04");
    expect(sunsetToday({ PATCHBAY_SUNSET_TODAY: "2027-07-01" }, new Date("2026-03-04T00:00:00Z"))).toBe("2027-07-01");
    expect(() => sunsetToday({ PATCHBAY_SUNSET_TODAY: "1 July 2027" })).toThrow(/YYYY-MM-DD/);
    expect(() => sunsetToday({ PATCHBAY_SUNSET_TODAY: "2027-13-45" })).toThrow(/YYYY-MM-DD/);
  });

  it("tells latest, outdated, deprecated and sunset apart, and counts them per blueprint", () => {
    const [v1, v2, v3] = [1, 2, 3].map((v) => registry.getModule("t:mod", v)!);
    expect(versionStatus(v3, 3, "2026-01-01")).toBe("latest");
    expect(versionStatus(v2, 3, "2026-01-01")).toBe("outdated");
    expect(versionStatus(v1, 3, "2026-01-01")).toBe("deprecated");
    expect(versionStatus(v1, 3, "2026-07-01")).toBe("sunset");
    const modules = [1, 1, 2, 3].map((version, i) => ({ id: i + 1, module: "t:mod", version })).concat([{ id: 9, module: "t:unknown", version: 1 }]);
    expect(countVersions(modules, registry, "2026-03-01")).toEqual({ outdated: 3, deprecated: 2, sunset: 0 });
    expect(countVersions(modules, registry, "2026-07-01")).toEqual({ outdated: 3, deprecated: 0, sunset: 2 });
  });

  it("names the upgrade to apply, or says to replace the module when there is no newer version", () => {
    expect(sunsetMessage(4, registry.getModule("t:mod", 1)!, 3)).toBe(
      "Module 4 (Mod, t:mod v1) passed its sunset date 2026-06-30 and no longer runs. Upgrade it to v3 (the module's badge in the editor, or the Upgrade center), then run again.",
    );
    expect(sunsetMessage(4, registry.getModule("t:mod", 1)!, 1)).toContain("replace it with another module");
  });
});
