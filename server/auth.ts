import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { readConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { authenticate } from "@/lib/auth/login";
import { hasRole, type Actor, type Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getUser } from "@/lib/users/service";
import { userIdForToken } from "@/lib/tokens/service";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const db = await getDb();
        try {
          const user = await authenticate(
            db,
            credentials?.email ?? "",
            credentials?.password ?? "",
            readConfig().loginMaxFailuresPerMinute,
          );
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          // next-auth hands this message to the sign-in form verbatim.
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};

/** The current, active user: the session is only a pointer; role and status come from the database. */
async function activeActor(userId: string | undefined, via: Actor["via"]): Promise<Actor | null> {
  if (!userId) return null;
  const user = await getUser(await getDb(), userId);
  if (!user || user.disabledAt || !user.passwordHash) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, via };
}

export async function actorFromRequest(req: NextRequest): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const userId = await userIdForToken(await getDb(), authorization.slice(7).trim());
    const actor = await activeActor(userId, "token");
    if (!actor) throw new AppError("unauthorized", "The API token is invalid, revoked, or its user is disabled.");
    return actor;
  }
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  return activeActor(token?.sub, "session");
}

/** For pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requirePageActor(minRole: Role = "viewer"): Promise<Actor> {
  const session = await getServerSession(authOptions);
  const actor = await activeActor((session?.user as { id?: string } | undefined)?.id, "session");
  if (!actor) {
    const h = await headers();
    const here = h.get("x-patchbay-path") ?? "/";
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(here)}`);
  }
  if (!hasRole(actor.role, minRole)) redirect("/scenarios?denied=1");
  return actor;
}
