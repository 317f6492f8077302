import type { SandboxContext } from "./context";
import { faults } from "./faults";
import type { Session, User } from "./model";
import { randomToken } from "./store";

/** Failed logins in a row before an account is locked out (307), and for how long ([SILENT]: our numbers). */
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;

export function openSession(ctx: SandboxContext, user: User): Session {
  const session: Session = { key: randomToken(26), userId: user.id, expiresAt: ctx.now().getTime() + ctx.sessionTtlMs };
  ctx.store.sessions.set(session.key, session);
  return session;
}

/** The session's user, renewing it (sliding window, reference B3); null when unknown or expired. */
export function renewSession(ctx: SandboxContext, key: string | undefined): { session: Session; user: User } | null {
  if (key === undefined) return null;
  const session = ctx.store.sessions.get(key);
  if (session === undefined) return null;
  const now = ctx.now().getTime();
  const user = ctx.store.user(session.userId);
  if (session.expiresAt <= now || user === undefined) {
    ctx.store.sessions.delete(key);
    return null;
  }
  session.expiresAt = now + ctx.sessionTtlMs;
  return { session, user };
}

/**
 * Checks a login attempt with brute-force lock-out: after LOCKOUT_AFTER_FAILURES failures in a row the
 * account answers 307 for LOCKOUT_MS, even to the right secret. Unknown e-mails count too, so the
 * answers do not tell which accounts exist.
 */
export function login(ctx: SandboxContext, email: string, matches: (user: User) => boolean): User {
  const key = email.trim().toLowerCase();
  const now = ctx.now().getTime();
  const failures = ctx.store.loginFailures.get(key);
  if (failures !== undefined && failures.lockedUntil > now) throw faults.accountLocked();
  const user = ctx.store.users.find((u) => u.email.toLowerCase() === key);
  if (user === undefined || !matches(user)) {
    // An expired lock-out starts a fresh count.
    const previous = failures !== undefined && failures.lockedUntil === 0 ? failures.count : 0;
    const count = previous + 1;
    ctx.store.loginFailures.set(key, { count, lockedUntil: count >= LOCKOUT_AFTER_FAILURES ? now + LOCKOUT_MS : 0 });
    throw count >= LOCKOUT_AFTER_FAILURES ? faults.accountLocked() : faults.invalidLogin();
  }
  ctx.store.loginFailures.delete(key);
  return user;
}
