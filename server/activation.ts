import "server-only";
import type { Db } from "@/lib/db/client";
import { ActivationService } from "@/lib/scheduler/activation";
import { registry } from "@/modules";
import { scenarioService } from "./services";
import { connectionService } from "@/lib/connections";

export const activationService = async (db: Db) =>
  new ActivationService(db, await scenarioService(db), registry, await connectionService(db));
