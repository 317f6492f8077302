import { createHash } from "node:crypto";
import { and, asc, count, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { hashPassword } from "../auth/passwords";
import { roleSchema, type Actor } from "../auth/roles";
import type { Db, DbOrTx } from "../db/client";
import { invites, users, type UserRow } from "../db/schema";
import { AppError, notFound } from "../errors";
import { newId, newSecret } from "../ids";
import type { UserView } from "../api/views";

export type { UserView };

export const passwordSchema = z
  .string()
  .min(10, "Passwords have at least 10 characters.")
  .max(200, "Passwords have at most 200 characters.");

export const emailSchema = z.email("Enter a valid e-mail address.").max(320).transform((e) => e.toLowerCase());

export const createUserInput = z.object({
  email: emailSchema,
  name: z.string().trim().max(200).default(""),
  role: roleSchema,
  /** Without a password the user is invited: an invite link lets them choose one. */
  password: passwordSchema.optional(),
});

export const updateUserInput = z
  .object({
    name: z.string().trim().max(200).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.disabledAt ? "disabled" : row.passwordHash ? "active" : "invited",
    createdAt: row.createdAt.toISOString(),
  };
}

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
const hashInvite = (token: string) => createHash("sha256").update(token).digest("hex");

export async function listUsers(db: Db): Promise<UserView[]> {
  const rows = await db.select().from(users).orderBy(asc(users.createdAt), asc(users.email));
  return rows.map(toUserView);
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function getUser(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function createUser(
  db: Db,
  actor: Actor | null,
  input: z.infer<typeof createUserInput>,
): Promise<{ user: UserView; inviteToken?: string }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) {
      throw new AppError("conflict", `A user with the e-mail ${input.email} already exists.`, { field: "email" });
    }
    const [row] = await tx
      .insert(users)
      .values({ id: newId("usr"), email: input.email, name: input.name, role: input.role, passwordHash })
      .returning();
    let inviteToken: string | undefined;
    if (!passwordHash) {
      inviteToken = newSecret();
      await tx.insert(invites).values({
        tokenHash: hashInvite(inviteToken),
        userId: row.id,
        expiresAt: new Date(Date.now() + INVITE_TTL_MS),
      });
    }
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: passwordHash ? "user.create" : "user.invite",
      targetType: "user",
      targetId: row.id,
      details: { email: row.email, role: row.role },
    });
    return { user: toUserView(row), inviteToken };
  });
}

async function countOtherActiveAdmins(tx: DbOrTx, exceptId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), sql`${users.id} <> ${exceptId}`));
  return row.n;
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  input: z.infer<typeof updateUserInput>,
): Promise<UserView> {
  return db.transaction(async (tx) => {
    // Lock the admins so two concurrent demotions cannot both pass the last-admin check.
    await tx.execute(sql`select id from ${users} where ${users.role} = 'admin' for update`);
    const current = await getUser(tx, id);
    if (!current) throw notFound("User");
    const losesAdmin =
      current.role === "admin" &&
      !current.disabledAt &&
      ((input.role !== undefined && input.role !== "admin") || input.disabled === true);
    if (losesAdmin && (await countOtherActiveAdmins(tx, id)) === 0) {
      throw new AppError("conflict", "This is the last active admin; make someone else an admin first.");
    }
    const [row] = await tx
      .update(users)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? (current.disabledAt ?? new Date()) : null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    await audit(tx, {
      actorId: actor.id,
      action: "user.update",
      targetType: "user",
      targetId: id,
      details: { email: row.email, changes: input },
    });
    return toUserView(row);
  });
}

/** Invite links are single-use: accepting one sets the password and removes the link. */
export async function acceptInvite(db: Db, token: string, password: string): Promise<UserView> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select()
      .from(invites)
      .where(and(eq(invites.tokenHash, hashInvite(token)), gt(invites.expiresAt, new Date())));
    if (!invite) throw new AppError("not_found", "This invite link is invalid or has expired. Ask an admin for a new one.");
    const [row] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, invite.userId))
      .returning();
    await tx.delete(invites).where(eq(invites.userId, invite.userId));
    await audit(tx, { actorId: row.id, action: "user.accept-invite", targetType: "user", targetId: row.id });
    return toUserView(row);
  });
}

export async function inviteInfo(db: Db, token: string): Promise<{ email: string } | undefined> {
  const [row] = await db
    .select({ email: users.email })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.userId))
    .where(and(eq(invites.tokenHash, hashInvite(token)), gt(invites.expiresAt, new Date())));
  return row;
}

/** A fresh invite link for a user who has not set a password yet (the old link stops working). */
export async function reissueInvite(db: Db, actor: Actor, id: string): Promise<string> {
  return db.transaction(async (tx) => {
    const user = await getUser(tx, id);
    if (!user) throw notFound("User");
    if (user.passwordHash) throw new AppError("conflict", "This user has already set a password.");
    await tx.delete(invites).where(eq(invites.userId, id));
    const token = newSecret();
    await tx.insert(invites).values({ tokenHash: hashInvite(token), userId: id, expiresAt: new Date(Date.now() + INVITE_TTL_MS) });
    await audit(tx, { actorId: actor.id, action: "user.invite", targetType: "user", targetId: id, details: { email: user.email } });
    return token;
  });
}
