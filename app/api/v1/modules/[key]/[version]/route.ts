import { describeModuleQuery, moduleDescription } from "@/lib/modules-catalog";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer", query: describeModuleQuery }, async ({ params, query }) =>
  json(moduleDescription(decodeURIComponent(params.key), params.version, query.params)),
);
