import { withNamedReferences } from "@/lib/datastores/api";
import { exportFileName } from "@/lib/scenario/export";
import { withInstanceReferences } from "@/server/instance-references";
import { withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

export const GET = withApi({ role: "viewer" }, async ({ db, actor, params }) => {
  const file = await withInstanceReferences(db, actor, await withNamedReferences(db, await (await scenarioService(db)).exportFile(params.id)));
  return new Response(JSON.stringify(file, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName(file.name)}"`,
    },
  });
});
