import "server-only";
import type { Db } from "@/lib/db/client";
import { UpgradeService } from "@/lib/upgrades/service";
import { apps, registry } from "@/modules";
import { connectionService } from "@/lib/connections";
import { scenarioService } from "./services";

export const upgradeService = async (db: Db) =>
  new UpgradeService(await upgradeDeps(db));

export const upgradeDeps = async (db: Db) => ({
  db,
  scenarios: await scenarioService(db),
  connections: await connectionService(db),
  registry,
  apps,
});
