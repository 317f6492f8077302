import { NextResponse } from "next/server";
import { connectionService } from "@/lib/connections";
import { completeAuthorization } from "@/lib/connections/oauth";
import { AppError } from "@/lib/errors";
import { browserOrigin } from "@/server/origin";
import { withApi } from "@/server/route";

/** The provider's redirect back to Patchbay; the browser lands on the Connections page with the outcome. */
export const GET = withApi({ role: "admin" }, async ({ db, actor, req }) => {
  const origin = browserOrigin(req);
  const back = new URL("/connections", origin);
  try {
    const sp = req.nextUrl.searchParams;
    const id = await completeAuthorization(db, await connectionService(db), actor, { code: sp.get("code"), state: sp.get("state"), error: sp.get("error") }, origin);
    back.searchParams.set("authorized", id);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    back.searchParams.set("authorizationError", error.message);
  }
  return NextResponse.redirect(back, 303);
});
