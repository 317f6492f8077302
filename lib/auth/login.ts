import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { loginFailures } from "../db/schema";
import { AppError } from "../errors";
import { findUserByEmail, toUserView, type UserView } from "../users/service";
import { decoyHash, verifyPassword } from "./passwords";

const WINDOW_MS = 60_000;

/**
 * Checks an e-mail and password. Failures are counted per account; past the limit within a minute,
 * further attempts are refused before the password is even checked, so guessing is slowed to a crawl.
 */
export async function authenticate(
  db: Db,
  rawEmail: string,
  password: string,
  maxFailuresPerMinute: number,
): Promise<UserView> {
  const email = rawEmail.trim().toLowerCase();
  const since = new Date(Date.now() - WINDOW_MS);
  const [{ n }] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, since)));
  if (n >= maxFailuresPerMinute) {
    throw new AppError(
      "rate_limited",
      "Too many failed sign-in attempts for this account. Wait a minute, then try again.",
    );
  }
  const user = email ? await findUserByEmail(db, email) : undefined;
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !user.passwordHash || !ok) {
    await db.insert(loginFailures).values({ email });
    await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 10 * WINDOW_MS)));
    throw new AppError("unauthorized", "The e-mail or password is not correct.");
  }
  if (user.disabledAt) {
    throw new AppError("forbidden", "This account is disabled. Ask an admin to re-enable it.");
  }
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
  return toUserView(user);
}
