import type { DataStoreService } from "./service";

/**
 * What data-store modules need at run time, injected through `EngineServices.dataStores` (the run context
 * has no database handle). Writes return a `RecordChange` that the module enlists for undo. Structures are
 * read by modules that check data against one (json:create, webhooks:customWebhook).
 */
export type DataStoreAccess = Pick<
  DataStoreService,
  "getRecord" | "countRecords" | "searchRecords" | "writeRecord" | "deleteRecord" | "deleteAllRecords" | "undo" | "getStructure"
>;
