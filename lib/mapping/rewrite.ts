/**
 * Rewriting references in place for the upgrade planner. Only the static part of a changed reference
 * is re-printed; every other byte of the string, spacing and quoting included, is kept.
 */
import { parseTemplate } from "./parser";
import { locateReferences, type LocatedReference, type Reference } from "./references";
import { formatPathKey } from "./tokenizer";
import { mapStrings } from "./mapper";
import type { Template } from "./ast";

function samePath(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): boolean {
  return a.length === b.length && a.every((step, i) => step === b[i]);
}

/** The new text of a reference; segments equal to the old ones at the same position keep their spelling. */
function printReference(next: Reference, located: LocatedReference, source: string): string {
  const { reference: old, node } = located;
  if (!Number.isSafeInteger(next.moduleId) || next.moduleId < 0) {
    throw new RangeError(`A module id must be a non-negative integer, got ${next.moduleId}`);
  }
  if (next.path.length === 0 || typeof next.path[0] !== "string") {
    throw new RangeError("A reference must start with a field name, e.g. 1.body");
  }
  let text = next.moduleId === old.moduleId ? source.slice(node.start, node.moduleIdEnd) : String(next.moduleId);
  next.path.forEach((step, i) => {
    if (i < old.path.length && old.path[i] === step) {
      const segment = node.segments[i];
      text += source.slice(segment.start, segment.end);
    } else if (typeof step === "number") {
      if (!Number.isFinite(step)) throw new RangeError(`A path index must be a finite number, got ${step}`);
      text += `[${step}]`;
    } else {
      text += "." + formatPathKey(step);
    }
  });
  return text;
}

function rewriteString(source: string, fieldPath: string, fn: (ref: Reference) => Reference): string {
  if (!source.includes("{{")) return source;
  let template: Template;
  try {
    template = parseTemplate(source);
  } catch {
    return source;
  }
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const located of locateReferences(template, fieldPath)) {
    const old = located.reference;
    const next = fn({ ...old, path: [...old.path] });
    if (next === old || (next.moduleId === old.moduleId && samePath(next.path, old.path))) continue;
    edits.push({ start: old.start, end: old.end, text: printReference(next, located, source) });
  }
  let result = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/**
 * Returns a new value where each reference is replaced by fn(ref): return the ref (or an equal one)
 * to keep it, or one with another moduleId / path to rewrite it. Unparsable strings are kept as they are.
 */
export function rewriteReferences(value: unknown, fn: (ref: Reference) => Reference): unknown {
  return mapStrings(value, (text, fieldPath) => rewriteString(text, fieldPath, fn));
}
