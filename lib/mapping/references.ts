/**
 * References (`1.items[2].id`) as plain data for the upgrade planner and the checker.
 *
 * A reference's `path` is its static part: keys, and indexes written as a number or text literal.
 * It stops at the first computed index (`1.items[2.position].id` has path ["items"]); `end` is where
 * that static part ends, so rewriting it never touches the computed index or what follows.
 */
import { walkExpression, type ReferenceNode, type Template } from "./ast";
import { forEachString } from "./mapper";
import { parseTemplate } from "./parser";

export interface Reference {
  moduleId: number;
  path: Array<string | number>;
  /** Offsets into the string: from the module id to the end of the static path. */
  start: number;
  end: number;
  /** Where in the mapper, e.g. "body.items[0].name", or "" for a bare string. */
  fieldPath: string;
}

export interface LocatedReference {
  reference: Reference;
  node: ReferenceNode;
  /** How many of node.segments make up reference.path. */
  staticSegments: number;
}

export function staticPath(node: ReferenceNode): { path: Array<string | number>; count: number; end: number } {
  const path: Array<string | number> = [];
  let end = node.moduleIdEnd;
  let count = 0;
  for (const segment of node.segments) {
    if (segment.kind === "key") path.push(segment.name);
    else if (segment.index.type === "literal" && typeof segment.index.value === "number") path.push(segment.index.value);
    else if (segment.index.type === "literal" && typeof segment.index.value === "string") path.push(segment.index.value);
    else break;
    end = segment.end;
    count++;
  }
  return { path, count, end };
}

/** Every reference in a template, nested ones (inside call arguments or indexes) included, in source order. */
export function locateReferences(template: Template, fieldPath: string): LocatedReference[] {
  const found: LocatedReference[] = [];
  for (const part of template.parts) {
    if (part.kind !== "expression") continue;
    walkExpression(part.expression, (node) => {
      if (node.type !== "reference") return;
      const { path, count, end } = staticPath(node);
      found.push({
        reference: { moduleId: node.moduleId, path, start: node.start, end, fieldPath },
        node,
        staticSegments: count,
      });
    });
  }
  return found;
}

export function collectReferences(value: unknown): Reference[] {
  const references: Reference[] = [];
  forEachString(value, (text, fieldPath) => {
    if (!text.includes("{{")) return;
    let template: Template;
    try {
      template = parseTemplate(text);
    } catch {
      return;
    }
    for (const located of locateReferences(template, fieldPath)) references.push(located.reference);
  });
  return references;
}
