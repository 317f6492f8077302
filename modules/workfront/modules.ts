import type { ModuleDefinition } from "@/lib/modules/define";
import createRecordV1 from "./create-record.v1";
import createRecordV2 from "./create-record.v2";
import customApiCallV1 from "./custom-api-call.v1";
import customApiCallV2 from "./custom-api-call.v2";
import deleteRecordV1 from "./delete-record.v1";
import deleteRecordV2 from "./delete-record.v2";
import miscActionV1 from "./misc-action.v1";
import miscActionV2 from "./misc-action.v2";
import readRecordV1 from "./read-record.v1";
import readRecordV2 from "./read-record.v2";
import readRelatedRecordsV1 from "./read-related-records.v1";
import readRelatedRecordsV2 from "./read-related-records.v2";
import searchV1 from "./search.v1";
import searchV2 from "./search.v2";
import updateRecordV1 from "./update-record.v1";
import updateRecordV2 from "./update-record.v2";
import uploadDocumentV1 from "./upload-document.v1";
import uploadDocumentV2 from "./upload-document.v2";
import watchEventsV1 from "./watch-events.v1";
import watchEventsV2 from "./watch-events.v2";
import watchFieldChangesV1 from "./watch-field-changes.v1";
import watchFieldChangesV2 from "./watch-field-changes.v2";
import watchRecordsV1 from "./watch-records.v1";
import watchRecordsV2 from "./watch-records.v2";

/** Every Workfront module version; both generations stay registered (v1 runs until its sunset). */
export const workfrontModules: readonly ModuleDefinition[] = [
  watchRecordsV1,
  watchRecordsV2,
  watchFieldChangesV1,
  watchFieldChangesV2,
  watchEventsV1,
  watchEventsV2,
  createRecordV1,
  createRecordV2,
  updateRecordV1,
  updateRecordV2,
  readRecordV1,
  readRecordV2,
  readRelatedRecordsV1,
  readRelatedRecordsV2,
  deleteRecordV1,
  deleteRecordV2,
  searchV1,
  searchV2,
  miscActionV1,
  miscActionV2,
  uploadDocumentV1,
  uploadDocumentV2,
  customApiCallV1,
  customApiCallV2,
];
