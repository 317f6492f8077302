import { WfError } from "../errors";
import type { ObjectDef } from "../objects";
import type { Row } from "../objects/schema";
import type { Params } from "../params";
import { customFields } from "../store/custom";
import type { Store } from "../store/store";
import { storedScalar } from "./filters";
import { resolvePath, valuesAt, type FieldPath } from "./paths";

interface SortKey {
  path: FieldPath;
  descending: boolean;
  caseInsensitive: boolean;
}

/**
 * `<field>_Sort=asc|desc|ciasc|cidesc`; numbered keys (`name_1_Sort`, `status_2_Sort`) sort first, in
 * their number's order, then unnumbered ones in the order given. Nulls sort last ascending and first
 * descending (Oracle's default, which the real service runs on).
 */
export function buildSort(store: Store, def: ObjectDef, params: Params, version: number): ((a: Row, b: Row) => number) | null {
  const customs = customFields(store);
  const keys: { order: number; index: number; key: SortKey }[] = [];
  params.names().forEach((name, index) => {
    const match = /^(.+?)(?:_(\d+))?_Sort$/.exec(name);
    if (!match) return;
    const direction = (params.get(name) ?? "").toLowerCase();
    if (!["asc", "desc", "ciasc", "cidesc"].includes(direction)) throw new WfError("invalidParameter", `Invalid sort direction '${params.get(name) ?? ""}' for ${match[1]}`);
    const order = match[2] === undefined ? Number.MAX_SAFE_INTEGER : Number(match[2]);
    keys.push({ order, index, key: { path: resolvePath(def, match[1], version, customs), descending: direction.endsWith("desc"), caseInsensitive: direction.startsWith("ci") } });
  });
  if (keys.length === 0) return null;
  const sorted = keys.sort((a, b) => a.order - b.order || a.index - b.index).map((k) => k.key);
  return (a, b) => {
    for (const key of sorted) {
      const x = valuesAt(store, a, key.path)[0];
      const y = valuesAt(store, b, key.path)[0];
      const result = compare(x, y, key.caseInsensitive);
      if (result !== 0) return key.descending ? -result : result;
    }
    return 0;
  };
}

function compare(x: unknown, y: unknown, caseInsensitive: boolean): number {
  if (x === undefined && y === undefined) return 0;
  if (x === undefined) return 1;
  if (y === undefined) return -1;
  const a = storedScalar(x);
  const b = storedScalar(y);
  if (typeof a === "number" && typeof b === "number") return a - b;
  const s = caseInsensitive ? String(a).toLowerCase() : String(a);
  const t = caseInsensitive ? String(b).toLowerCase() : String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}
