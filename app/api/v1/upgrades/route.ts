import { json, withApi } from "@/server/route";
import { upgradeService } from "@/server/upgrades";

/** Where outdated, deprecated and sunset module versions are used, across every scenario the caller may edit. */
export const GET = withApi({ role: "builder" }, async ({ db }) => json(await (await upgradeService(db)).report()));
