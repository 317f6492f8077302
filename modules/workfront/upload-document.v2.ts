import { defineModule } from "@/lib/modules/define";
import { migrateFromV1 } from "./common/migrate";
import { recordOutputSpec } from "./common/output";
import { runUpload } from "./common/upload";
import { apiVersionField, V2 } from "./common/versions";
import { UPLOAD_OUTPUTS, uploadFields } from "./upload-document.v1";

export default defineModule({
  key: "workfront:uploadDocument",
  version: 2,
  kind: "action",
  title: "Upload document",
  description: "Uploads a file and attaches it as a document to a project, task, issue, …",
  connection: V2.connection,
  fields: [...uploadFields, apiVersionField],
  output: recordOutputSpec("DOCU", V2, { outputs: UPLOAD_OUTPUTS }),
  run: (ctx) => runUpload(ctx, V2),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old) },
});
