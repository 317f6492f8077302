import "server-only";
import { connectionService } from "@/lib/connections";
import type { Db } from "@/lib/db/client";
import { DataStoreService } from "@/lib/datastores/service";
import { ActivationService } from "@/lib/scheduler/activation";
import { blueprintCheckers } from "@/lib/scenarios/checkers";
import { connectionCheck } from "@/lib/scenarios/connection-check";
import { ScenarioService } from "@/lib/scenarios/service";
import { checkWebhooks, linkWebhooks } from "@/lib/webhooks/service";
import { registry } from "@/modules";

export async function scenarioService(db: Db): Promise<ScenarioService> {
  const connectionStore = await connectionService(db);
  const connections = connectionCheck(connectionStore, registry);
  // Outputs shaped by a data structure (a store's records, json:parse) are checked against its fields.
  const directory = await new DataStoreService(db).directory();
  // Saving or deleting an active scenario moves or removes what its trigger registered remotely.
  const activation = () => new ActivationService(db, service, registry, connectionStore);
  const service: ScenarioService = new ScenarioService(db, blueprintCheckers(registry, directory), {
    check: async (actor, scenarioId, next, previous) => [
      ...(await connections(actor, scenarioId, next, previous)),
      ...(await checkWebhooks(db, scenarioId, next)),
    ],
    afterWrite: linkWebhooks,
    afterRevision: (actor, id, previous, next) => activation().revisionSaved(actor, id, previous, next),
    beforeRemove: (actor, id) => activation().beforeRemove(actor, id),
    registry,
  });
  return service;
}
