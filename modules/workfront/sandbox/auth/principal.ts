import { WfError } from "../errors";
import type { ApiCall, Core, Principal } from "../core";
import { cookies, header } from "../http";
import type { Store } from "../store/store";

export const SESSION_COOKIE = "attask";

export function isAdmin(store: Store, userID: string): boolean {
  const levelID = store.get("USER", userID)?.fields.accessLevelID;
  return typeof levelID === "string" && store.get("ACSLVL", levelID)?.fields.isAdmin === true;
}

function principalFor(core: Core, userID: string): Principal {
  const user = core.store.get("USER", userID);
  if (!user || user.fields.isActive === false) throw new WfError("authentication", "You are not currently logged in");
  return { userID, isAdmin: isAdmin(core.store, userID) };
}

function sessionPrincipal(core: Core, sessionID: string): Principal {
  const lookup = core.auth.useSession(sessionID);
  if (lookup.status === "expired") throw new WfError("authentication", "Your session has expired. Please log in again.");
  if (lookup.status === "unknown") throw new WfError("authentication", "You are not currently logged in");
  return principalFor(core, lookup.session.userID);
}

/**
 * Credentials in the order Workfront clients send them (reference A2): a `sessionID` header, query or
 * form parameter; then an `apiKey` header or parameter; then the session cookie, which only reads.
 */
export function authenticate(core: Core, call: Pick<ApiCall, "req" | "params" | "method">): Principal {
  const sessionID = header(call.req, "sessionid") ?? call.params.getIgnoreCase("sessionID");
  if (sessionID) return sessionPrincipal(core, sessionID);
  const apiKey = header(call.req, "apikey") ?? call.params.getIgnoreCase("apiKey");
  if (apiKey) {
    const userID = core.auth.userForApiKey(apiKey);
    if (!userID) throw new WfError("authentication", "Invalid API key");
    return principalFor(core, userID);
  }
  const cookie = cookies(call.req).get(SESSION_COOKIE);
  if (cookie) {
    if (call.method !== "GET") throw new WfError("authentication", "Cookie sessions are read-only; send the sessionID with the request");
    return sessionPrincipal(core, cookie);
  }
  throw new WfError("authentication", "You are not currently logged in");
}

export function principalOf(core: Core, call: ApiCall): Principal {
  call.principal ??= authenticate(core, call);
  return call.principal;
}

export function requireAdmin(principal: Principal, what: string): void {
  if (!principal.isAdmin) throw new WfError("security", `Only a System Administrator can ${what}`);
}
