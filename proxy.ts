import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

/** Signed-out visitors of any page land on the sign-in page; the pages re-check the user itself. */
export async function proxy(req: NextRequest) {
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  const path = req.nextUrl.pathname + req.nextUrl.search;
  if (!token) {
    const url = new URL("/sign-in", req.url);
    if (req.nextUrl.pathname !== "/") url.searchParams.set("callbackUrl", path);
    return NextResponse.redirect(url);
  }
  const headers = new Headers(req.headers);
  headers.set("x-patchbay-path", path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|sign-in|invite/|hooks/|sandbox/|favicon.ico|icons/).*)"],
};
