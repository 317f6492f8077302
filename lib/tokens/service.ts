import { createHash } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { apiTokens, users } from "../db/schema";
import { notFound } from "../errors";
import { newId, newSecret } from "../ids";
import type { Actor } from "../auth/roles";
import type { TokenView } from "../api/views";

export const TOKEN_PREFIX = "pb_";

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100),
});

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function createToken(db: Db, actor: Actor, name: string): Promise<{ token: string; view: TokenView }> {
  const token = TOKEN_PREFIX + newSecret();
  const [row] = await db
    .insert(apiTokens)
    .values({ id: newId("tok"), userId: actor.id, name, tokenHash: sha256(token), prefix: token.slice(0, 10) })
    .returning();
  return { token, view: toView(row) };
}

export async function listTokens(db: Db, actor: Actor): Promise<TokenView[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toView);
}

export async function revokeToken(db: Db, actor: Actor, id: string): Promise<void> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (rows.length === 0) throw notFound("Token");
}

/** The user behind a bearer token, if the token is live and the user active. */
export async function userIdForToken(db: Db, token: string): Promise<string | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!row) return undefined;
  // Coarse last-used stamp: at most one write a minute per token keeps hot API clients cheap.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  }
  return row.userId;
}

function toView(row: typeof apiTokens.$inferSelect): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
