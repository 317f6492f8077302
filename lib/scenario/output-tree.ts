import type { OutputField, OutputSpec } from "./output-spec";
import { formatPathKey } from "../mapping/tokenizer";

/** One pill of the mapping panel: where it points and what it looked like in the last run. */
export interface OutputNode {
  label: string;
  /** The mapping path after `n.`, e.g. `user.name` or ``items[1].`First Name` ``. */
  path: string;
  type: string;
  sample?: string;
  children: OutputNode[];
}

const MAX_DEPTH = 6;
const MAX_KEYS = 100;

/**
 * The declared output merged with a real bundle: declared fields first (with their sample value when the
 * run had one), then fields the run produced that the declaration does not name.
 */
export function outputTree(spec: OutputSpec, sample: unknown, prefix = "", depth = 0): OutputNode[] {
  if (depth > MAX_DEPTH) return [];
  const nodes: OutputNode[] = [];
  const seen = new Set<string>();
  const record = isRecord(sample) ? sample : undefined;
  for (const field of spec ?? []) {
    seen.add(field.name);
    nodes.push(fromField(field, record?.[field.name], prefix, depth));
  }
  if (record) {
    for (const key of Object.keys(record).slice(0, MAX_KEYS)) {
      if (seen.has(key)) continue;
      nodes.push(fromValue(key, record[key], prefix, depth));
    }
  }
  return nodes;
}

function join(prefix: string, name: string): string {
  return prefix === "" ? formatPathKey(name) : `${prefix}.${formatPathKey(name)}`;
}

function fromField(field: OutputField, value: unknown, prefix: string, depth: number): OutputNode {
  const path = join(prefix, field.name);
  const type = field.type === "array" ? `array${field.of ? ` of ${field.of}` : ""}` : field.type;
  if (field.type === "collection") return { label: field.label ?? field.name, path, type, children: outputTree(field.spec ?? null, value, path, depth + 1), ...preview(value) };
  if (field.type === "array") {
    const first = Array.isArray(value) ? value[0] : undefined;
    const children = field.spec || isRecord(first) ? outputTree(field.spec ?? null, first, `${path}[1]`, depth + 1) : [];
    return { label: field.label ?? field.name, path, type, children, ...preview(value) };
  }
  return { label: field.label ?? field.name, path, type, children: [], ...preview(value) };
}

function fromValue(name: string, value: unknown, prefix: string, depth: number): OutputNode {
  const path = join(prefix, name);
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return { label: name, path, type: "array", children: isRecord(first) ? outputTree(null, first, `${path}[1]`, depth + 1) : [], ...preview(value) };
  }
  if (isRecord(value)) return { label: name, path, type: "collection", children: outputTree(null, value, path, depth + 1) };
  return { label: name, path, type: value === null ? "empty" : typeof value === "string" ? "text" : typeof value, children: [], ...preview(value) };
}

function preview(value: unknown): { sample?: string } {
  if (value === undefined || isRecord(value)) return {};
  if (Array.isArray(value)) return { sample: `${value.length} item${value.length === 1 ? "" : "s"}` };
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return { sample: text.length > 40 ? `${text.slice(0, 40)}…` : text };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
