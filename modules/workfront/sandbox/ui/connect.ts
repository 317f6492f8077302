import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { checkPassword } from "../auth/login";
import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_API_KEY, DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET, DEMO_USER_PASSWORD, DEMO_USER_USERNAME, NEWEST_API_VERSION } from "../constants";
import type { Core } from "../core";
import { WfError } from "../errors";
import { originOf } from "../http";
import { esc, page } from "./html";

/**
 * What a person needs to connect Patchbay to this sandbox, on its home page: the host to type in, the
 * demo admin's API key, logins and the OAuth2 client, and a form that shows any user's API key (the
 * page's form of `PUT /user?action=getApiKey&username=…&password=…`).
 */
export function connectSection(core: Core, req: IncomingMessage): string {
  const host = `${originOf(req)}${core.options.basePath}`;
  const base = core.options.basePath;
  return `<h2 id="connect">Connect Patchbay to this sandbox</h2>
<p class="muted">In Patchbay, open Connections → Add connection, pick a Workfront type and fill in:</p>
<table>
<tr><th scope="row">Host (every type)</th><td><code data-testid="sandbox-host">${esc(host)}</code></td></tr>
<tr><th scope="row">API key (workfront@2)</th><td><code data-testid="demo-api-key">${esc(DEMO_API_KEY)}</code> — the demo admin’s key. Another user’s: the form below.</td></tr>
<tr><th scope="row">Username and password (workfront@1)</th><td><code>${esc(DEMO_ADMIN_USERNAME)}</code> / <code>${esc(DEMO_ADMIN_PASSWORD)}</code> (admin), <code>${esc(DEMO_USER_USERNAME)}</code> / <code>${esc(DEMO_USER_PASSWORD)}</code></td></tr>
<tr><th scope="row">OAuth2 (workfront@3)</th><td>client ID <code>${esc(DEMO_OAUTH_CLIENT_ID)}</code>, client secret <code>${esc(DEMO_OAUTH_CLIENT_SECRET)}</code>; “Authorize” shows this sandbox’s consent page</td></tr>
</table>
<form method="post" action="${esc(`${base}/ui/api-key`)}"><strong>Get a user’s API key</strong>
<label>Username <input name="username" autocomplete="username" value="${esc(DEMO_ADMIN_USERNAME)}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Show API key</button></form>
<p class="muted">Scripts do the same with <code>PUT ${esc(host)}/attask/api/v${NEWEST_API_VERSION}.0/user?action=getApiKey&amp;username=…&amp;password=…</code>.</p>`;
}

const keyForm = z.object({ username: z.string().trim().min(1), password: z.string().min(1) });

/** `POST {base}/ui/api-key`: the user's API key (made now if they have none, as Workfront's own page does). */
export function apiKeyPage(core: Core, form: Record<string, string>): { status: number; html: string } {
  const back = `<p><a href="${esc(core.options.basePath)}/#connect">← back</a></p>`;
  const parsed = keyForm.safeParse(form);
  try {
    if (!parsed.success) throw new WfError("validation", "Enter a username and a password.");
    const user = checkPassword(core, parsed.data.username, parsed.data.password);
    const key = core.auth.apiKeyOf(user.ID) ?? core.auth.generateApiKey(user.ID);
    return {
      status: 200,
      html: page("API key", `${back}<h1>API key of ${esc(user.fields.name)}</h1><p><code data-testid="api-key">${esc(key)}</code></p><p class="muted">Use it in a workfront@2 connection. Keys do not expire; a user has one at a time.</p>`),
    };
  } catch (error) {
    if (!(error instanceof WfError)) throw error;
    return { status: error.status, html: page("API key", `${back}<p class="error">${esc(error.message)}</p>`) };
  }
}
