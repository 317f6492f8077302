import type { ArrayItemSpec, FieldSpec, PrimitiveItemType } from "@/lib/modules/field-spec";
import type { OutputField, OutputFieldType, OutputSpec } from "@/lib/scenario/output-spec";
import { findOperation, resolveType, type Primitive, type QName, type SoapServiceDescription } from "./description";
import { SoapArgumentError } from "./errors";

export interface FieldsForOperationOptions {
  /** Parts the module fills itself (e.g. "SessionID", taken from the connection). */
  exclude?: readonly string[];
  /** Parts to mark required: a WSDL 1.1 RPC part cannot say whether it is optional, the connector knows. */
  required?: readonly string[];
}

/**
 * A module field spec for an operation's input: one field per part, in WSDL order; complex types become
 * collections, list types arrays. Struct members are required when the schema says minOccurs ≥ 1 and
 * not nillable. A type that contains itself stops at "any" the second time round.
 */
export function fieldsForOperation(description: SoapServiceDescription, operationName: string, options: FieldsForOperationOptions = {}): FieldSpec[] {
  const operation = findOperation(description, operationName);
  if (operation === undefined) throw new SoapArgumentError("", `The service has no operation ${operationName}`);
  const exclude = new Set(options.exclude ?? []);
  const required = new Set(options.required ?? []);
  return operation.input
    .filter((part) => !exclude.has(part.name))
    .map((part) => fieldFor(description, part.name, part.type, required.has(part.name), new Set()));
}

function fieldFor(description: SoapServiceDescription, name: string, type: QName, required: boolean, seen: ReadonlySet<QName>): FieldSpec {
  const common = { name, label: labelFor(name), ...(required ? { required: true } : {}) };
  const resolved = resolveType(description, type);
  if (resolved.kind === "primitive") {
    if (resolved.enumeration !== undefined && resolved.primitive !== "any") {
      return { ...common, type: "select", options: resolved.enumeration.map((value) => ({ value, label: value })) };
    }
    switch (resolved.primitive) {
      case "integer":
        return { ...common, type: "number", integer: true };
      case "number":
        return { ...common, type: "number" };
      case "boolean":
        return { ...common, type: "boolean" };
      case "date":
        return { ...common, type: "date" };
      case "any":
        return { ...common, type: "any" };
      case "binary":
        return { ...common, type: "text", help: "Base64-encoded data" };
      default:
        return { ...common, type: "text" };
    }
  }
  if (seen.has(resolved.name)) return { ...common, type: "any" };
  const inner = new Set(seen).add(resolved.name);
  if (resolved.kind === "array") return { ...common, type: "array", items: itemSpec(description, resolved.itemType, inner) };
  return {
    ...common,
    type: "collection",
    fields: resolved.fields.map((field) => {
      const member = fieldFor(description, field.name, field.type, field.minOccurs >= 1 && !field.nillable, inner);
      const repeated = field.maxOccurs === "unbounded" || field.maxOccurs > 1;
      return repeated ? { name: member.name, label: member.label, type: "array", items: itemSpec(description, field.type, inner) } : member;
    }),
  };
}

function itemSpec(description: SoapServiceDescription, type: QName, seen: ReadonlySet<QName>): ArrayItemSpec {
  const resolved = resolveType(description, type);
  if (resolved.kind === "primitive") return { type: primitiveItem(resolved.primitive) };
  if (resolved.kind === "array" || seen.has(resolved.name)) return { type: "any" };
  const inner = new Set(seen).add(resolved.name);
  return { type: "collection", fields: resolved.fields.map((f) => fieldFor(description, f.name, f.type, f.minOccurs >= 1 && !f.nillable, inner)) };
}

function primitiveItem(primitive: Primitive): PrimitiveItemType {
  if (primitive === "integer" || primitive === "number") return "number";
  if (primitive === "boolean" || primitive === "date" || primitive === "any") return primitive;
  return "text";
}

/**
 * The output spec of the bundles `asBundles(result)` makes of an operation's result: a collection's
 * fields; for a list, the fields of each item (one bundle per item); a plain value arrives as `value`.
 * Several output parts make one collection with a field per part.
 */
export function outputSpecForOperation(description: SoapServiceDescription, operationName: string): OutputSpec {
  const operation = findOperation(description, operationName);
  if (operation === undefined) throw new SoapArgumentError("", `The service has no operation ${operationName}`);
  if (operation.output.length === 0) return [];
  if (operation.output.length > 1) return operation.output.map((part) => outputField(description, part.name, part.type, new Set()));
  const resolved = resolveType(description, operation.output[0].type);
  const bundleType = resolved.kind === "array" ? resolveType(description, resolved.itemType) : resolved;
  if (bundleType.kind === "struct") return structOutput(description, bundleType.fields, new Set([bundleType.name]));
  return [outputField(description, "value", resolved.kind === "array" ? resolved.itemType : operation.output[0].type, new Set())];
}

function structOutput(description: SoapServiceDescription, fields: readonly { name: string; type: QName; maxOccurs: number | "unbounded" }[], seen: ReadonlySet<QName>): OutputField[] {
  return fields.map((field) => {
    const repeated = field.maxOccurs === "unbounded" || field.maxOccurs > 1;
    const single = outputField(description, field.name, field.type, seen);
    if (!repeated) return single;
    return single.type === "collection" ? { name: field.name, label: single.label, type: "array", spec: single.spec ?? [] } : { name: field.name, label: single.label, type: "array", of: primitiveOutput(single.type) };
  });
}

function outputField(description: SoapServiceDescription, name: string, type: QName, seen: ReadonlySet<QName>): OutputField {
  const label = labelFor(name);
  const resolved = resolveType(description, type);
  if (resolved.kind === "primitive") return { name, label, type: outputPrimitive(resolved.primitive) };
  if (seen.has(resolved.name)) return { name, label, type: "any" };
  const inner = new Set(seen).add(resolved.name);
  if (resolved.kind === "struct") return { name, label, type: "collection", spec: structOutput(description, resolved.fields, inner) };
  const item = resolveType(description, resolved.itemType);
  if (item.kind === "struct") return { name, label, type: "array", spec: seen.has(item.name) ? [] : structOutput(description, item.fields, new Set(inner).add(item.name)) };
  return { name, label, type: "array", of: item.kind === "primitive" ? primitiveOutput(outputPrimitive(item.primitive)) : "any" };
}

function outputPrimitive(primitive: Primitive): OutputFieldType {
  if (primitive === "integer" || primitive === "number") return "number";
  if (primitive === "string") return "text";
  return primitive;
}

function primitiveOutput(type: OutputFieldType): Exclude<OutputFieldType, "collection" | "array"> {
  return type === "collection" || type === "array" ? "any" : type;
}

/** "SessionID" → "Session ID", "ItemsPerPage" → "Items per page", "file_id" → "File ID". */
export function labelFor(name: string): string {
  const words = name
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/\s+/)
    .filter((w) => w !== "");
  return words
    .map((word, index) => {
      if (/^(id|url|ids|urls)$/i.test(word)) return word.toUpperCase().replace(/S$/, "s");
      if (word.length > 1 && word === word.toUpperCase()) return word;
      const lower = word.toLowerCase();
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(" ");
}
