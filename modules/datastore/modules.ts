import type { ModuleDefinition } from "@/lib/modules/define";
import addRecordV1 from "./add-record.v1";
import countRecordsV1 from "./count-records.v1";
import deleteAllRecordsV1 from "./delete-all-records.v1";
import deleteRecordV1 from "./delete-record.v1";
import getRecordV1 from "./get-record.v1";
import recordExistsV1 from "./record-exists.v1";
import searchRecordsV1 from "./search-records.v1";
import updateRecordV1 from "./update-record.v1";

export const datastoreModules: readonly ModuleDefinition[] = [
  addRecordV1,
  updateRecordV1,
  getRecordV1,
  recordExistsV1,
  searchRecordsV1,
  deleteRecordV1,
  deleteAllRecordsV1,
  countRecordsV1,
];
