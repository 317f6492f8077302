import "server-only";
import { connectionService } from "@/lib/connections";
import type { Db } from "@/lib/db/client";
import { blueprintCheckers } from "@/lib/scenarios/checkers";
import { connectionCheck } from "@/lib/scenarios/connection-check";
import { ScenarioService } from "@/lib/scenarios/service";
import { checkWebhooks, linkWebhooks } from "@/lib/webhooks/service";
import { registry } from "@/modules";

export async function scenarioService(db: Db): Promise<ScenarioService> {
  const connections = connectionCheck(await connectionService(db), registry);
  return new ScenarioService(db, blueprintCheckers(), {
    check: async (actor, scenarioId, next, previous) => [
      ...(await connections(actor, scenarioId, next, previous)),
      ...(await checkWebhooks(db, scenarioId, next)),
    ],
    afterWrite: linkWebhooks,
    registry,
  });
}
