import { NEWEST_API_VERSION, OLDEST_API_VERSION } from "../constants";
import type { ApiCall, ApiResult, Core } from "../core";
import { WfError } from "../errors";
import { cookies, header } from "../http";
import type { Row } from "../objects/schema";
import { authenticate, SESSION_COOKIE } from "./principal";

const BAD_LOGIN = "That username/password combination wasn't quite right. Please try again.";

/** Finds the active user with these credentials, or fails as Workfront does (fixtures/exception.json). */
export function checkPassword(core: Core, username: string | undefined, password: string | undefined): Row {
  const wanted = (username ?? "").toLowerCase();
  const user = core.store.all("USER").find((row) => String(row.fields.username ?? "").toLowerCase() === wanted);
  if (!user || !password || user.fields.password !== password || user.fields.isActive === false) throw new WfError("authentication", BAD_LOGIN);
  return user;
}

function versionInformation(core: Core): Record<string, unknown> {
  const apiVersions: Record<string, string> = {};
  for (let v = OLDEST_API_VERSION; v <= NEWEST_API_VERSION; v++) if (!core.options.removedVersions.has(v)) apiVersions[`v${v}.0`] = `/attask/api/v${v}.0/`;
  return { currentAPI: `v${NEWEST_API_VERSION}.0`, buildNumber: "", apiVersions, lastUpdated: "2026/05/08 00:00:00", release: "R26.5", version: `${NEWEST_API_VERSION}.0` };
}

/** `POST /login?username=…&password=…` (reference A2, fixtures/login.json). */
export function login(core: Core, call: ApiCall): ApiResult {
  const user = checkPassword(core, call.params.get("username"), call.params.get("password"));
  const session = core.auth.createSession(user.ID);
  // The login date is bookkeeping, not an edit: no lastUpdateDate bump, journal entry or event.
  core.store.put({ ...user, fields: { ...user.fields, lastLoginDate: core.store.now() } });
  return {
    data: {
      userID: user.ID,
      sessionID: session.id,
      versionInformation: versionInformation(core),
      locale: "en_US",
      timeZone: core.options.timeZone,
      timeZoneName: core.options.timeZone,
      iso3Country: "USA",
      iso3Language: "eng",
      currency: { useNegativeSign: false, fractionDigits: 2, symbol: "$", ID: "USD", groupingSeparator: ",", decimalSeparator: "." },
    },
    headers: { "Set-Cookie": `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax` },
  };
}

/** `GET /logout`: the session may come as header, parameter or cookie (reference A2). */
export function logout(core: Core, call: ApiCall): ApiResult {
  const sessionID = header(call.req, "sessionid") ?? call.params.getIgnoreCase("sessionID") ?? cookies(call.req).get(SESSION_COOKIE);
  if (!sessionID) throw new WfError("authentication", "You are not currently logged in");
  // Same answers as any call with that session: expired and unknown sessions fail.
  authenticate(core, { req: call.req, params: call.params, method: "GET" });
  core.auth.endSession(sessionID);
  return { data: { success: true }, headers: { "Set-Cookie": `${SESSION_COOKIE}=; Path=/; Max-Age=0` } };
}

export const API_KEY_ACTIONS = ["getApiKey", "generateApiKey", "clearApiKey"] as const;

/**
 * `PUT /user?action=getApiKey|generateApiKey|clearApiKey&username=…&password=…&method=put`. Without
 * username/password the caller's own credentials choose the user (WF-JS `clearApiKey()` sends none).
 */
export function apiKeyAction(core: Core, call: ApiCall, action: (typeof API_KEY_ACTIONS)[number]): ApiResult {
  const username = call.params.get("username");
  const userID = username !== undefined ? checkPassword(core, username, call.params.get("password")).ID : (call.principal ?? authenticate(core, call)).userID;
  if (action === "getApiKey") return { data: { result: core.auth.apiKeyOf(userID) ?? "" } };
  if (action === "generateApiKey") return { data: { result: core.auth.generateApiKey(userID) } };
  core.auth.clearApiKey(userID);
  return { data: { result: true } };
}
