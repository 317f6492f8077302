import "server-only";
import type { Db } from "@/lib/db/client";
import { blueprintCheckers } from "@/lib/scenarios/checkers";
import { ScenarioService } from "@/lib/scenarios/service";

export const scenarioService = (db: Db) => new ScenarioService(db, blueprintCheckers());
