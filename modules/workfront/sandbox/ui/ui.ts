import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { isAdmin } from "../auth/principal";
import type { Core } from "../core";
import { formatRestDate } from "../dates";
import { WfError } from "../errors";
import { readBody, redirect } from "../http";
import { objectDef } from "../objects";
import type { CustomValue, Row } from "../objects/schema";
import { customFieldsFor } from "../store/custom";
import { createRecord, editRecord, type WriteContext } from "../store/write";
import { apiKeyPage, connectSection } from "./connect";
import { esc, page, sameOrigin, sendHtml } from "./html";

/** The three kinds of work a person edits by hand to make events happen. */
const EDITABLE = ["PROJ", "TASK", "OPTASK"] as const;

function adminContext(core: Core): WriteContext {
  const admin = core.store.all("USER").find((user) => isAdmin(core.store, user.ID));
  if (!admin) throw new WfError("security", "The sandbox has no administrator to act as");
  return { actorID: admin.ID, version: 22 };
}

const showCustom = (value: CustomValue | undefined, timeZone: string) =>
  value === undefined ? "" : value instanceof Date ? formatRestDate(value, timeZone) : Array.isArray(value) ? value.join(", ") : String(value);

function link(core: Core, row: Row): string {
  return `<a href="${esc(`${core.options.basePath}/ui/${row.objCode}/${row.ID}`)}">${esc(row.fields.name)}</a>`;
}

function workTable(core: Core, objCode: string, title: string): string {
  const rows = core.store.all(objCode).map((row) => {
    const project = typeof row.fields.projectID === "string" ? core.store.get("PROJ", row.fields.projectID) : undefined;
    return `<tr><td>${link(core, row)}</td><td>${project ? esc(project.fields.name) : ""}</td><td>${esc(row.fields.status)}</td><td>${esc(row.fields.percentComplete)}</td></tr>`;
  });
  return `<h2>${esc(title)}</h2><table><tr><th>Name</th><th>Project</th><th>Status</th><th>% complete</th></tr>${rows.join("")}</table>`;
}

function overview(core: Core, req: IncomingMessage): string {
  const subs = [...core.subscriptions.byId.values()].map(
    (s) => `<tr><td><code>${esc(s.id)}</code></td><td>${esc(s.objCode)}</td><td>${esc(s.eventType)}</td><td>${esc(s.url)}</td><td>${esc(s.version)}</td></tr>`,
  );
  const deliveries = [...core.deliveries.list()]
    .slice(-20)
    .reverse()
    .map((d) => `<tr><td>${esc(d.eventType)} ${esc(d.objCode)} <code>${esc(d.objID)}</code></td><td>${esc(d.url)}</td><td>${esc(d.version)}</td><td>${esc(d.state)}</td><td>${d.attempts.length}</td></tr>`);
  return page(
    "Workfront sandbox",
    `<h1>Workfront sandbox</h1>
<p class="muted">A simulated Workfront REST API at <code>${esc(core.options.basePath)}/attask/api/v22.0</code>. Open a project, task or
issue below to edit it (as the demo admin) or add a note: each change fires the event-subscription deliveries listed at the end.</p>
${connectSection(core, req)}
${workTable(core, "PROJ", "Projects")}${workTable(core, "TASK", "Tasks")}${workTable(core, "OPTASK", "Issues")}
<h2>Event subscriptions</h2><table><tr><th>ID</th><th>Object</th><th>Event</th><th>URL</th><th>Version</th></tr>${subs.join("")}</table>
<h2>Recent deliveries</h2><table><tr><th>Event</th><th>URL</th><th>Version</th><th>State</th><th>Attempts</th></tr>${deliveries.join("")}</table>`,
  );
}

function detail(core: Core, row: Row, message = ""): string {
  const def = objectDef(row.objCode);
  const tz = core.options.timeZone;
  const base = `${core.options.basePath}/ui/${row.objCode}/${row.ID}`;
  const statuses = (def.fields.status.options ?? []).map((o) => `<option value="${esc(o.value)}"${o.value === row.fields.status ? " selected" : ""}>${esc(o.label)}</option>`);
  const customs = customFieldsFor(core.store, row.objCode);
  const customRows = customs.map((info) => `<tr><th>DE:${esc(info.name)}</th><td>${esc(showCustom(row.custom[info.name], tz))}</td></tr>`);
  const customOptions = customs.map((info) => `<option value="${esc(info.name)}">${esc(info.name)}${info.options.length ? ` (${esc(info.options.join(", "))})` : ""}</option>`);
  const notes = core.store
    .all("NOTE")
    .filter((note) => note.fields.objID === row.ID)
    .map((note) => `<li>${esc(note.fields.noteText)} <span class="muted">${esc(formatRestDate(note.fields.entryDate as Date, tz))}</span></li>`);
  const journal = core.store
    .all("JRNLE")
    .filter((entry) => entry.fields.objID === row.ID)
    .slice(-20)
    .map(
      (e) =>
        `<tr><td>${esc(e.fields.changeType)}</td><td>${esc(e.fields.fieldName)}</td><td>${esc(e.fields.oldTextVal ?? e.fields.oldNumberVal ?? "")}</td><td>${esc(e.fields.newTextVal ?? e.fields.newNumberVal ?? "")}</td></tr>`,
    );
  return page(
    `${def.label}: ${String(row.fields.name)}`,
    `<p><a href="${esc(core.options.basePath)}/">← all records</a></p><h1>${esc(def.label)}: ${esc(row.fields.name)}</h1>
${message ? `<p class="error">${esc(message)}</p>` : ""}
<table><tr><th>ID</th><td><code>${esc(row.ID)}</code></td></tr><tr><th>Status</th><td>${esc(row.fields.status)}</td></tr>
<tr><th>% complete</th><td>${esc(row.fields.percentComplete)}</td></tr><tr><th>Last update</th><td>${esc(formatRestDate(row.fields.lastUpdateDate as Date, tz))}</td></tr>${customRows.join("")}</table>
<h2>Edit</h2><form method="post" action="${esc(base)}">
<label>Name <input name="name" value="${esc(row.fields.name)}" size="50"></label>
<label>Status <select name="status">${statuses.join("")}</select></label>
<label>% complete <input name="percentComplete" type="number" min="0" max="100" step="any" value="${esc(row.fields.percentComplete)}"></label>
<label>Custom field <select name="deField"><option value="">(none)</option>${customOptions.join("")}</select>
value <input name="deValue" placeholder="several values: comma-separated; empty clears"></label>
<button type="submit">Save</button></form>
<h2>Notes</h2><ul>${notes.join("")}</ul><form method="post" action="${esc(`${base}/notes`)}"><label>New note <textarea name="noteText" rows="3" cols="60"></textarea></label><button type="submit">Add note</button></form>
<h2>Journal</h2><table><tr><th>Change</th><th>Field</th><th>Old</th><th>New</th></tr>${journal.join("")}</table>`,
  );
}

const editForm = z.object({
  name: z.string().optional(),
  status: z.string().optional(),
  percentComplete: z.string().optional(),
  deField: z.string().optional(),
  deValue: z.string().optional(),
});

function applyEdit(core: Core, row: Row, form: z.infer<typeof editForm>): void {
  const updates: Record<string, unknown> = {};
  if (form.name !== undefined) updates.name = form.name;
  if (form.status) updates.status = form.status;
  if (form.percentComplete) updates.percentComplete = form.percentComplete;
  if (form.deField) {
    const info = customFieldsFor(core.store, row.objCode).find((i) => i.name === form.deField);
    const text = (form.deValue ?? "").trim();
    updates[`DE:${form.deField}`] = text === "" ? null : info?.multi ? text.split(",").map((v) => v.trim()).filter(Boolean) : text;
  }
  editRecord(core.store, row.objCode, row.ID, updates, adminContext(core));
}

/** `GET {base}/` and `{base}/ui/…`: plain HTML pages with forms that post back here. */
export async function handleUi(core: Core, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (path === "" || path === "/" || path === "/ui" || path === "/ui/") {
    if (req.method !== "GET") return false;
    sendHtml(res, 200, overview(core, req));
    return true;
  }
  if (path === "/ui/api-key" && req.method === "POST") {
    if (!sameOrigin(req)) {
      sendHtml(res, 403, page("Forbidden", `<p class="error">Cross-site form posts are refused.</p>`));
      return true;
    }
    const answer = apiKeyPage(core, Object.fromEntries(new URLSearchParams((await readBody(req, 16 * 1024)).toString("utf8"))));
    sendHtml(res, answer.status, answer.html);
    return true;
  }
  const match = /^\/ui\/([A-Z]+)\/([0-9a-f]{32})(\/notes)?$/.exec(path);
  if (!match) return false;
  const [, objCode, id, notes] = match;
  const row = (EDITABLE as readonly string[]).includes(objCode) ? core.store.get(objCode, id) : undefined;
  if (!row) {
    sendHtml(res, 404, page("Not found", `<p class="error">No such record.</p>`));
    return true;
  }
  if (req.method === "GET" && !notes) {
    sendHtml(res, 200, detail(core, row));
    return true;
  }
  if (req.method !== "POST") return false;
  if (!sameOrigin(req)) {
    sendHtml(res, 403, page("Forbidden", `<p class="error">Cross-site form posts are refused.</p>`));
    return true;
  }
  const form = Object.fromEntries(new URLSearchParams((await readBody(req, 256 * 1024)).toString("utf8")));
  try {
    if (notes) {
      const text = z.object({ noteText: z.string().trim().min(1) }).safeParse(form);
      if (!text.success) throw new WfError("validation", "A note needs text");
      createRecord(core.store, "NOTE", { noteObjCode: objCode, objID: id, noteText: text.data.noteText }, adminContext(core));
    } else applyEdit(core, row, editForm.parse(form));
  } catch (error) {
    if (!(error instanceof WfError)) throw error;
    sendHtml(res, error.status >= 500 ? 500 : 400, detail(core, core.store.get(objCode, id) ?? row, error.message));
    return true;
  }
  redirect(res, `${core.options.basePath}/ui/${objCode}/${id}`);
  return true;
}
