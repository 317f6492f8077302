import { createHash } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { oauthStates } from "../db/schema";
import { AppError } from "../errors";
import { newSecret } from "../ids";
import type { ConnectionService } from "./service";

const STATE_TTL_MS = 10 * 60_000;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export const oauthCallbackPath = "/api/v1/connections/oauth/callback";

/** Starts (re-)authorization: a one-time state bound to this admin and connection, and the provider URL. */
export async function startAuthorization(db: Db, service: ConnectionService, actor: Actor, id: string, origin: string): Promise<string> {
  const row = await service.row(id);
  const type = service.type(`${row.type}@${row.typeVersion}`);
  if (!type.oauth2) throw new AppError("bad_request", `${type.title} connections do not use an authorization redirect.`);
  const resolved = await service.resolve(id);
  const state = newSecret();
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date()));
  await db.insert(oauthStates).values({ stateHash: sha256(state), connectionId: id, actorId: actor.id, expiresAt: new Date(Date.now() + STATE_TTL_MS) });
  return type.oauth2.authorizationUrl(resolved.values, { redirectUri: origin + oauthCallbackPath, state });
}

/**
 * The provider sent the admin back. The state must be one we issued, unexpired, to this same admin;
 * anything else is refused and nothing is stored.
 */
export async function completeAuthorization(
  db: Db,
  service: ConnectionService,
  actor: Actor,
  params: { code?: string | null; state?: string | null; error?: string | null },
  origin: string,
): Promise<string> {
  if (!params.state) throw new AppError("bad_request", "The authorization response has no state; start the authorization again.");
  const [pending] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.stateHash, sha256(params.state)), gt(oauthStates.expiresAt, new Date())))
    .returning();
  if (!pending || pending.actorId !== actor.id) {
    throw new AppError("forbidden", "This authorization response does not match an authorization you started (unknown or expired state). Nothing was stored.");
  }
  if (params.error) throw new AppError("bad_request", `The provider refused the authorization: ${params.error}`);
  if (!params.code) throw new AppError("bad_request", "The authorization response has no code.");
  const row = await service.row(pending.connectionId);
  const type = service.type(`${row.type}@${row.typeVersion}`);
  const resolved = await service.resolve(row.id);
  const tokens = await type.oauth2!.exchangeCode(resolved.values, {
    code: params.code,
    redirectUri: origin + oauthCallbackPath,
    signal: AbortSignal.timeout(30_000),
  });
  await service.storeTokens(actor, row.id, {
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    accessToken: tokens.accessToken,
    ...(tokens.expiresAt ? { accessTokenExpiresAt: tokens.expiresAt.toISOString() } : {}),
  });
  return row.id;
}
