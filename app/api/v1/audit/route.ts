import { auditQuery, listAudit } from "@/lib/audit-query";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "admin", query: auditQuery }, async ({ db, query }) => json(await listAudit(db, query)));
