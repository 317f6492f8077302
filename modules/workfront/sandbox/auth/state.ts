import { newApiKey, randomHex } from "../ids";

export interface Session {
  id: string;
  userID: string;
  lastUsed: number;
  /** OAuth2 access tokens also end at a fixed time. */
  expiresAt?: number;
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  userID: string;
  expiresAt: number;
}

export interface RefreshToken {
  clientId: string;
  userID: string;
  expiresAt: number;
}

export type SessionLookup = { status: "ok"; session: Session } | { status: "expired" } | { status: "unknown" };

/** Sessions, API keys and OAuth2 grants. All in memory; `clear` is part of the sandbox reset. */
export class AuthState {
  private readonly sessions = new Map<string, Session>();
  private readonly keys = new Map<string, string>();
  readonly codes = new Map<string, AuthCode>();
  readonly refreshTokens = new Map<string, RefreshToken>();

  constructor(
    private readonly now: () => Date,
    private readonly idleTtlMs: number,
  ) {}

  createSession(userID: string, lifetimeMs?: number): Session {
    const at = this.now().getTime();
    const session: Session = { id: randomHex(16), userID, lastUsed: at, expiresAt: lifetimeMs === undefined ? undefined : at + lifetimeMs };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Looks a session up and, if alive, counts this as activity (the timeout is an idle timeout). */
  useSession(id: string): SessionLookup {
    const session = this.sessions.get(id);
    if (!session) return { status: "unknown" };
    const at = this.now().getTime();
    if (at - session.lastUsed > this.idleTtlMs || (session.expiresAt !== undefined && at >= session.expiresAt)) {
      this.sessions.delete(id);
      return { status: "expired" };
    }
    session.lastUsed = at;
    return { status: "ok", session };
  }

  endSession(id: string): boolean {
    return this.sessions.delete(id);
  }

  apiKeyOf(userID: string): string | undefined {
    for (const [key, owner] of this.keys) if (owner === userID) return key;
    return undefined;
  }

  userForApiKey(key: string): string | undefined {
    return this.keys.get(key);
  }

  /** One key per user: generating replaces (and so invalidates) the old one. */
  generateApiKey(userID: string, key = newApiKey()): string {
    this.clearApiKey(userID);
    this.keys.set(key, userID);
    return key;
  }

  clearApiKey(userID: string): void {
    for (const [key, owner] of [...this.keys]) if (owner === userID) this.keys.delete(key);
  }

  clear(): void {
    this.sessions.clear();
    this.keys.clear();
    this.codes.clear();
    this.refreshTokens.clear();
  }
}
