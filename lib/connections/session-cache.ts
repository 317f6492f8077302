import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { connectionSessions } from "../db/schema";
import { decrypt, encrypt } from "../secrets/crypto";
import type { SessionCache, SessionToken } from "./define";

/** Refresh a little early, so a token never expires between being read and being used. */
const EXPIRY_MARGIN_MS = 30_000;

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Run-time tokens sealed in the database (shared by every process) with an in-process single flight:
 * a burst of runs needing a fresh token triggers one login, not one each.
 */
export function databaseSessionCache(db: Db, key: Buffer, connectionId: string): SessionCache {
  const where = (name: string) => and(eq(connectionSessions.connectionId, connectionId), eq(connectionSessions.name, name));
  return {
    async obtain<T>(name: string, fetch: () => Promise<SessionToken<T>>, options: { force?: boolean } = {}): Promise<T> {
      const flightKey = `${connectionId}:${name}`;
      if (!options.force) {
        const [row] = await db.select().from(connectionSessions).where(where(name));
        if (row && (!row.expiresAt || row.expiresAt.getTime() - EXPIRY_MARGIN_MS > Date.now())) {
          return JSON.parse(decrypt(key, row.value)) as T;
        }
      }
      const pending = inFlight.get(flightKey);
      if (pending) return pending as Promise<T>;
      const flight = (async () => {
        const token = await fetch();
        const sealed = encrypt(key, JSON.stringify(token.value));
        await db
          .insert(connectionSessions)
          .values({ connectionId, name, value: sealed, expiresAt: token.expiresAt ?? null })
          .onConflictDoUpdate({
            target: [connectionSessions.connectionId, connectionSessions.name],
            set: { value: sealed, expiresAt: token.expiresAt ?? null },
          });
        return token.value;
      })().finally(() => inFlight.delete(flightKey));
      inFlight.set(flightKey, flight);
      return flight;
    },
    async invalidate(name: string) {
      await db.delete(connectionSessions).where(where(name));
    },
  };
}
