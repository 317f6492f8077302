import { login, openSession, renewSession } from "../sessions";
import { loginView } from "../views";
import type { PublicHandler, SessionHandler } from "./types";

export const publicHandlers: Record<string, PublicHandler> = {
  doLogin(call) {
    const password = call.args.requiredText("Password");
    const user = login(call, call.args.requiredText("Login"), (u) => u.password === password);
    return loginView(user, openSession(call, user), call.store, call.baseUrl);
  },

  getSessionId(call) {
    const token = call.args.requiredText("AuthToken");
    const user = login(call, call.args.requiredText("EmailAddress"), (u) => u.authToken === token);
    return loginView(user, openSession(call, user), call.store, call.baseUrl);
  },

  checkSession(call) {
    return renewSession(call, call.args.text("SessionID")) !== null;
  },
};

export const sessionHandlers: Record<string, SessionHandler> = {
  doLogout(call) {
    call.store.sessions.delete(call.session.key);
    return true;
  },
};
