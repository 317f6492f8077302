import type { SessionCache, SessionToken } from "@/lib/connections/define";

/**
 * An in-memory SessionCache: one fetch per burst (concurrent callers share it), values kept until they
 * expire or are invalidated. The app's real cache persists tokens per connection; this one serves tests
 * and runs whose connection came without a session (then a token lives only as long as the cache).
 */
export function memorySessionCache(now: () => number = Date.now): SessionCache & { fetches: number } {
  const values = new Map<string, { value: unknown; expiresAt?: number }>();
  const pending = new Map<string, Promise<unknown>>();
  const cache = {
    fetches: 0,
    async obtain<T>(name: string, fetch: () => Promise<SessionToken<T>>, options?: { force?: boolean }): Promise<T> {
      const inFlight = pending.get(name);
      if (inFlight) return inFlight as Promise<T>;
      const cached = values.get(name);
      if (!options?.force && cached && (cached.expiresAt === undefined || cached.expiresAt > now())) return cached.value as T;
      cache.fetches++;
      const work = fetch().then(
        (token) => {
          values.set(name, { value: token.value, expiresAt: token.expiresAt?.getTime() });
          return token.value;
        },
      );
      pending.set(name, work);
      try {
        return await work;
      } finally {
        pending.delete(name);
      }
    },
    async invalidate(name: string): Promise<void> {
      values.delete(name);
    },
  };
  return cache;
}
