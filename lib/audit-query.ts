import { count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./db/client";
import { auditLog, users } from "./db/schema";

export const auditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Newest first, with the actor's e-mail; entries never hold secrets (see lib/audit.ts). */
export async function listAudit(db: Db, q: z.infer<typeof auditQuery>) {
  const [{ total }] = await db.select({ total: count() }).from(auditLog);
  const rows = await db
    .select({ entry: auditLog, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map(({ entry, actorEmail }) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actor: entry.actorId ? { id: entry.actorId, email: actorEmail ?? "deleted user" } : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details,
    })),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}
