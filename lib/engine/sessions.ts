import type { ResolvedConnection } from "@/lib/modules/context";
import { isSecretKey } from "./redact";

/**
 * Tokens a module obtains during the run (a Workfront sessionID, a Proof session, an OAuth2 access token)
 * are secrets too: they travel in requests and sometimes come back in answers. The connection's session
 * cache is wrapped so that every value it hands out joins the texts the log blanks.
 */
export function trackSessionSecrets(connection: ResolvedConnection, secretValues: string[]): ResolvedConnection {
  const session = connection.session;
  if (!session) return connection;
  // A session object also carries plain facts (a user id that appears in records): only its
  // secret-named members are blanked.
  const remember = (value: unknown) => {
    const found =
      typeof value === "string"
        ? [value]
        : typeof value === "object" && value !== null
          ? Object.entries(value).filter(([k, v]) => isSecretKey(k) && typeof v === "string").map(([, v]) => v as string)
          : [];
    for (const text of found) if (!secretValues.includes(text)) secretValues.push(text);
  };
  return {
    ...connection,
    session: {
      obtain: async (name, fetch, options) => {
        const value = await session.obtain(name, fetch, options);
        remember(value);
        return value;
      },
      invalidate: (name) => session.invalidate(name),
    },
  };
}
