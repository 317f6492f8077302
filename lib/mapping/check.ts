/**
 * The static checker run on every scenario save. Errors refuse the save; warnings are shown in the
 * editor. It never evaluates anything, so it is cheap and safe on untrusted mappers.
 */
import type { OutputField, OutputSpec } from "../scenario/output-spec";
import { walkExpression, type ReferenceNode, type Template } from "./ast";
import { MappingSyntaxError } from "./errors";
import { functionCatalog, functionInfo } from "./functions/catalog";
import { MAX_MAPPER_DEPTH } from "./limits";
import { forEachString, isDeeperThanLimit } from "./mapper";
import { parseTemplate } from "./parser";
import { staticPath } from "./references";
import { arityText } from "./arity";

export interface Diagnostic {
  severity: "error" | "warning";
  code: string;
  message: string;
  fieldPath: string;
  position?: number;
  moduleId?: number;
}

export interface CheckOptions {
  /** Each module upstream of the checked one, with its declared output (null = unknown shape). */
  upstream: ReadonlyMap<number, OutputSpec>;
  /** Scenario variable names a bare identifier may use. */
  variables?: readonly string[];
}

export function checkMapper(value: unknown, opts: CheckOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (isDeeperThanLimit(value)) {
    diagnostics.push({
      severity: "error",
      code: "too-deep",
      message: `The mapper is nested more than ${MAX_MAPPER_DEPTH} levels deep`,
      fieldPath: "",
    });
  }
  const variables = new Set(opts.variables ?? []);
  forEachString(value, (text, fieldPath) => {
    if (!text.includes("{{")) return;
    let template: Template;
    try {
      template = parseTemplate(text);
    } catch (error) {
      if (!(error instanceof MappingSyntaxError)) throw error;
      diagnostics.push({ severity: "error", code: "syntax", message: error.message, fieldPath, position: error.position });
      return;
    }
    for (const part of template.parts) {
      if (part.kind !== "expression") continue;
      walkExpression(part.expression, (node) => {
        const at = { fieldPath, position: node.start };
        if (node.type === "reference") {
          diagnostics.push(...checkReference(node, opts.upstream, fieldPath));
        } else if (node.type === "call") {
          const info = functionInfo(node.name);
          if (!info) {
            diagnostics.push({ severity: "error", code: "unknown-function", message: unknownFunctionMessage(node.name), ...at });
          } else if (node.args.length < info.minArgs || node.args.length > info.maxArgs) {
            diagnostics.push({
              severity: "error",
              code: "arity",
              message: `${node.name} expects ${arityText(info.minArgs, info.maxArgs)}, got ${node.args.length}: ${info.signature}`,
              ...at,
            });
          }
        } else if (node.type === "variable" && !variables.has(node.name)) {
          diagnostics.push({ severity: "error", code: "unknown-variable", message: `Unknown variable "${node.name}"`, ...at });
        }
      });
    }
  });
  return diagnostics;
}

function unknownFunctionMessage(name: string): string {
  if (name === "now" || name === "timestamp" || name === "pi" || name === "emptyarray" || name === "emptystring") {
    return `"${name}" is a keyword, not a function: write it without parentheses`;
  }
  const lower = name.toLowerCase();
  const nearby = lower.length > 0 ? functionNames().find((candidate) => candidate.toLowerCase() === lower) : undefined;
  return nearby ? `Unknown function "${name}"; did you mean "${nearby}"?` : `Unknown function "${name}"`;
}

function functionNames(): string[] {
  return functionCatalog.map((info) => info.name);
}

function describePath(path: ReadonlyArray<string | number>): string {
  return path.map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`)).join("");
}

/** Where a walk along an OutputSpec stands: at the module's root collection, or at one field. */
type Cursor = { kind: "root"; fields: OutputField[] } | { kind: "field"; field: OutputField; mappedArray: boolean };

function checkReference(node: ReferenceNode, upstream: ReadonlyMap<number, OutputSpec>, fieldPath: string): Diagnostic[] {
  const base = { fieldPath, moduleId: node.moduleId };
  if (!upstream.has(node.moduleId)) {
    return [
      {
        severity: "error",
        code: "not-upstream",
        message: `Module ${node.moduleId} is not before this module on its route, so its output is not available here`,
        position: node.start,
        ...base,
      },
    ];
  }
  const diagnostics: Diagnostic[] = [];
  const { path } = staticPath(node);
  path.forEach((step, i) => {
    if (typeof step === "number" && step < 1) {
      diagnostics.push({
        severity: "warning",
        code: "index-zero",
        message: `Array positions start at 1 in mappings: ${describePath(path.slice(0, i + 1))} is always empty`,
        position: node.segments[i].start,
        ...base,
      });
    }
  });
  const spec = upstream.get(node.moduleId) ?? null;
  if (spec === null) return diagnostics;
  const problem = walkSpec(spec, path);
  if (problem) {
    diagnostics.push({
      severity: "warning",
      code: "unknown-field",
      message: `Module ${node.moduleId} has no output ${JSON.stringify(describePath(path.slice(0, problem.at + 1)))}${problem.detail}`,
      position: node.segments[problem.at].start,
      ...base,
    });
  }
  return diagnostics;
}

/**
 * Follows a path along a declared output. A key on an array reads that key of every item, so both
 * `items[2].id` and `items.id` check `id` against the item fields. Stops quietly where the spec
 * declares no shape (`any`, or a collection without `spec`).
 */
function walkSpec(spec: OutputField[], path: ReadonlyArray<string | number>): { at: number; detail: string } | undefined {
  let cursor: Cursor = { kind: "root", fields: spec };
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (cursor.kind === "root") {
      if (typeof step === "number") return { at: i, detail: " (the output is a collection, not an array)" };
      const found: OutputField | undefined = cursor.fields.find((f) => f.name === step);
      if (!found) return { at: i, detail: "" };
      cursor = { kind: "field", field: found, mappedArray: false };
      continue;
    }
    const field: OutputField = cursor.field;
    if (field.type === "any") return undefined;
    if (typeof step === "number") {
      if (cursor.mappedArray) {
        cursor = { kind: "field", field, mappedArray: false };
        continue;
      }
      if (field.type !== "array") return { at: i, detail: ` ("${field.name}" is ${field.type}, not an array)` };
      const item = itemOf(field);
      if (!item) return undefined;
      cursor = { kind: "field", field: item, mappedArray: false };
      continue;
    }
    if (field.type === "collection") {
      if (!field.spec) return undefined;
      const found: OutputField | undefined = field.spec.find((f) => f.name === step);
      if (!found) return { at: i, detail: "" };
      cursor = { kind: "field", field: found, mappedArray: false };
      continue;
    }
    if (field.type === "array") {
      const item = itemOf(field);
      if (!item) return undefined;
      if (item.type !== "collection") return { at: i, detail: ` (items of "${field.name}" are ${item.type})` };
      if (!item.spec) return undefined;
      const found: OutputField | undefined = item.spec.find((f) => f.name === step);
      if (!found) return { at: i, detail: "" };
      cursor = { kind: "field", field: found, mappedArray: true };
      continue;
    }
    return { at: i, detail: ` ("${field.name}" is ${field.type} and has no fields)` };
  }
  return undefined;
}

/** The declared shape of one item of an array field; undefined when not declared. */
function itemOf(field: OutputField): OutputField | undefined {
  if (field.spec) return { name: field.name, label: field.label, type: "collection", spec: field.spec };
  if (field.of) return { name: field.name, label: field.label, type: field.of };
  return undefined;
}
