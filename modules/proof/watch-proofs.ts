import { z } from "zod";
import type { TransactionHook, ScenarioStore } from "@/lib/modules/context";
import type { FieldSpec } from "@/lib/modules/field-spec";
import type { Bundle } from "@/lib/modules/json";
import type { OutputField, OutputSpec } from "@/lib/scenario/output-spec";
import type { ProofApi } from "./api";
import type { ProofTarget } from "./client";
import { itemsPerPageField } from "./fields";
import { listPaged } from "./records";

/**
 * Watch proofs (polling), v1 and v2. "new": proofs created since the last run (ids only grow), oldest
 * first. "status": proofs whose decision or lock status changed since the last run, with what they were.
 * The cursor is stored in the scenario's store and advanced only when the run ends well (a participant
 * of the run's transaction): a run that fails downstream sees the same proofs again next time.
 */
export const watchProofsFields = [
  {
    name: "watch",
    label: "Watch for",
    type: "select",
    static: true,
    default: "new",
    options: [
      { value: "new", label: "New proofs" },
      { value: "status", label: "Changes of decision or lock status" },
    ],
  },
  {
    name: "startFrom",
    label: "Start with",
    type: "select",
    static: true,
    default: "now",
    options: [
      { value: "now", label: "From now on" },
      { value: "all", label: "All existing proofs" },
    ],
    help: "New proofs only: what the first run emits. Status changes always start from now.",
  },
  itemsPerPageField,
] as const satisfies readonly FieldSpec[];

/** How far one run looks: the newest proofs, newest first, up to this many. */
const MAX_SCANNED = 2000;

const stateSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("new"), lastId: z.number().int() }),
  z.object({ mode: z.literal("status"), seen: z.record(z.string(), z.string()) }),
]);
type WatchState = z.infer<typeof stateSchema>;

export const watchStateKey = (moduleId: number) => `proof:watchProofs:${moduleId}`;

export function watchProofsOutput(base: readonly OutputField[]) {
  return (params: { watch: "new" | "status" }): OutputSpec =>
    params.watch === "status"
      ? [...base, { name: "previous_decision", label: "Previous decision", type: "text" }, { name: "previous_status", label: "Previous status (locked / unlocked)", type: "text" }]
      : [...base];
}

interface WatchContext extends ProofTarget {
  moduleId: number;
  params: { watch: "new" | "status"; startFrom: "now" | "all" };
  values: { itemsPerPage: number };
  store: ScenarioStore;
  transaction: TransactionHook;
  trigger: { maxResults: number };
}

export async function watchProofs(ctx: WatchContext, api: ProofApi): Promise<Bundle[]> {
  const key = watchStateKey(ctx.moduleId);
  const parsed = stateSchema.safeParse(await ctx.store.get(key));
  const state = parsed.success && parsed.data.mode === ctx.params.watch ? parsed.data : null;
  const { bundles, next } = ctx.params.watch === "new" ? await newProofs(ctx, api, state) : await statusChanges(ctx, api, state);
  ctx.transaction.enlist({
    name: "Watch proofs: remember what was seen",
    commit: () => ctx.store.set(key, next),
    rollback: async () => {},
  });
  return bundles;
}

const idOf = (proof: Bundle) => (typeof proof.file_id === "number" ? proof.file_id : Number(proof.file_id));

async function newProofs(ctx: WatchContext, api: ProofApi, state: WatchState | null): Promise<{ bundles: Bundle[]; next: WatchState }> {
  if (state === null && ctx.params.startFrom === "now") {
    // The first run only notes where "now" is. Ids grow with creation, and the list is newest first.
    const page = await listPaged(ctx, api, "getAllProofs", {}, { limit: ctx.values.itemsPerPage, itemsPerPage: ctx.values.itemsPerPage });
    return { bundles: [], next: { mode: "new", lastId: Math.max(0, ...page.map(idOf)) } };
  }
  const lastId = state?.mode === "new" ? state.lastId : 0;
  const listed = await listPaged(ctx, api, "getAllProofs", {}, {
    limit: MAX_SCANNED,
    itemsPerPage: ctx.values.itemsPerPage,
    // Newest first: once a page reaches what was seen, the rest is older.
    stop: (page) => page.some((p) => idOf(p) <= lastId),
  });
  const fresh = listed.filter((p) => idOf(p) > lastId).sort((a, b) => idOf(a) - idOf(b)).slice(0, ctx.trigger.maxResults);
  return { bundles: fresh, next: { mode: "new", lastId: fresh.length > 0 ? idOf(fresh[fresh.length - 1]) : lastId } };
}

const signature = (proof: Bundle) => `${String(proof.decision)}|${String(proof.status)}`;

async function statusChanges(ctx: WatchContext, api: ProofApi, state: WatchState | null): Promise<{ bundles: Bundle[]; next: WatchState }> {
  const listed = await listPaged(ctx, api, "getAllProofs", {}, { limit: MAX_SCANNED, itemsPerPage: ctx.values.itemsPerPage });
  const seen = state?.mode === "status" ? state.seen : null;
  const next: Record<string, string> = {};
  for (const proof of listed) next[String(idOf(proof))] = signature(proof);
  if (seen === null) return { bundles: [], next: { mode: "status", seen: next } };
  const changed = listed
    .filter((p) => seen[String(idOf(p))] !== undefined && seen[String(idOf(p))] !== signature(p))
    .sort((a, b) => idOf(a) - idOf(b));
  const emitted = changed.slice(0, ctx.trigger.maxResults);
  // Changes beyond the run's maximum keep their old signature, so the next run emits them.
  for (const proof of changed.slice(emitted.length)) next[String(idOf(proof))] = seen[String(idOf(proof))];
  const bundles = emitted.map((proof) => {
    const [decision, status] = seen[String(idOf(proof))].split("|");
    return { ...proof, previous_decision: decision, previous_status: status };
  });
  return { bundles, next: { mode: "status", seen: next } };
}
