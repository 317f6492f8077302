import { API_KEY_ACTIONS, apiKeyAction } from "../auth/login";
import type { ApiCall, ApiResult, Core } from "../core";
import { notFound, WfError } from "../errors";
import type { ObjectDef } from "../objects";
import type { ActionArg, Row } from "../objects/schema";
import { editRecord, systemEdit, type WriteContext } from "../store/write";
import { writer } from "./write";

interface ActionSpec {
  arguments: ActionArg[];
  resultType?: string;
  /** Runs on an object (`/<obj>/<ID>/<action>`); otherwise object-less (`/<obj>?action=`). */
  onObject: boolean;
  run(core: Core, call: ApiCall, row: Row | null, ctx: WriteContext): unknown;
}

/** `share` adds one accessor (reference A6); the sandbox keeps accessors as `accessorIDs`. */
const share: ActionSpec = {
  arguments: [
    { name: "accessorID", type: "string" },
    { name: "accessorObjCode", type: "string" },
    { name: "coreAction", type: "string" },
  ],
  onObject: true,
  run(core, call, row, ctx) {
    const accessorID = call.params.get("accessorID");
    if (!row || !accessorID) throw new WfError("invalidParameter", "share needs accessorID");
    if (!row.fields.accessorIDs) return null;
    systemEdit(core.store, row.objCode, row.ID, { accessorIDs: [...new Set([...(row.fields.accessorIDs as string[]), accessorID])] }, ctx);
    return null;
  },
};

const markDone = (status: string): ActionSpec => ({
  arguments: [{ name: "status", type: "string" }],
  onObject: true,
  run(core, call, row, ctx) {
    if (row) editRecord(core.store, row.objCode, row.ID, { status: call.params.get("status") ?? status }, ctx);
    return null;
  },
});

/** Listed for metadata; `runAction` sends these to the auth layer, which checks username/password itself. */
const apiKey: ActionSpec = {
  arguments: [
    { name: "username", type: "string" },
    { name: "password", type: "string" },
  ],
  resultType: "string",
  onObject: false,
  run: () => null,
};

export const ACTIONS: Record<string, Record<string, ActionSpec>> = {
  USER: { getApiKey: apiKey, generateApiKey: apiKey, clearApiKey: apiKey },
  PROJ: { calculateTimeline: { arguments: [], onObject: true, run: () => null }, share },
  TASK: {
    move: {
      arguments: [
        { name: "projectID", type: "string" },
        { name: "parentID", type: "string" },
      ],
      onObject: true,
      run(core, call, row, ctx) {
        const projectID = call.params.get("projectID");
        if (!row || !projectID) throw new WfError("invalidParameter", "move needs projectID");
        editRecord(core.store, "TASK", row.ID, { projectID, parentID: call.params.get("parentID") ?? null }, ctx);
        return null;
      },
    },
    markDone: markDone("CPL"),
    markNotDone: markDone("INP"),
    share,
  },
  OPTASK: { markDone: markDone("CLS"), markNotDone: markDone("INP"), share },
  DOCU: { share },
};

/** `PUT /<obj>/<ID>/<action>`, `PUT /<obj>/<ID>?action=…` and object-less `PUT /<obj>?action=…`; answers `{"result":…}`. */
export function runAction(core: Core, call: ApiCall, def: ObjectDef, id: string | null, name: string): ApiResult {
  if (def.objCode === "USER" && id === null && (API_KEY_ACTIONS as readonly string[]).includes(name)) return apiKeyAction(core, call, name as (typeof API_KEY_ACTIONS)[number]);
  const spec = ACTIONS[def.objCode]?.[name];
  if (!spec) throw new WfError("unsupported", `Unknown action ${name} for ${def.name}`);
  if (spec.onObject !== (id !== null)) throw new WfError("unsupported", spec.onObject ? `${name} needs an object ID` : `${name} does not take an object ID`);
  const principal = writer(core, call, def);
  let row: Row | null = null;
  if (id !== null) {
    row = core.store.get(def.objCode, id) ?? null;
    if (!row) throw notFound(def.objCode, id);
  }
  const result = core.store.transaction(() => spec.run(core, call, row, { actorID: principal.userID, version: call.version }));
  return { data: { result: result ?? null } };
}
