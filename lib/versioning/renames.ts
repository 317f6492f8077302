/**
 * Output renames (`{ data: "body" }`) as path prefixes. A key may be dotted ("a.b") to rename a nested
 * field; the common case is one top-level field.
 */
export type Renames = Record<string, string>;

/**
 * Renames of step 1 followed by step 2, as one map from the oldest names: a→b then b→c is a→c.
 * A step-2 rename of a name step 1 renamed away does not apply to the old name (that name in v2 is a
 * different field). Identity entries are dropped so "renamed" always means changed.
 */
export function composeRenames(first: Renames, second: Renames): Renames {
  const out: Renames = {};
  for (const [from, to] of Object.entries(first)) out[from] = Object.hasOwn(second, to) ? second[to] : to;
  for (const [from, to] of Object.entries(second)) {
    // A name step 1 renamed something *to* was composed above; a name it renamed away is gone.
    const consumed = Object.hasOwn(first, from) || Object.values(first).includes(from);
    if (!consumed && !Object.hasOwn(out, from)) out[from] = to;
  }
  for (const [from, to] of Object.entries(out)) if (from === to) delete out[from];
  return out;
}

const split = (name: string) => name.split(".");

/**
 * The renamed path, or null when no rename applies. The longest matching prefix wins so that
 * `{ "a": "x", "a.b": "y" }` sends `a.b.c` to `y.c`.
 */
export function renamePath(path: ReadonlyArray<string | number>, renames: Renames): Array<string | number> | null {
  let best: { length: number; to: string[] } | null = null;
  for (const [from, to] of Object.entries(renames)) {
    const prefix = split(from);
    if (prefix.length > path.length) continue;
    if (!prefix.every((step, i) => path[i] === step)) continue;
    if (!best || prefix.length > best.length) best = { length: prefix.length, to: split(to) };
  }
  return best ? [...best.to, ...path.slice(best.length)] : null;
}
