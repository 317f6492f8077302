import { z } from "zod";
import type { OptionsContext, OptionsLoader } from "@/lib/modules/define";
import type { SelectOption } from "@/lib/modules/field-spec";
import { clientFor } from "../client/client";
import { KNOWN_OBJECT_OPTIONS, knownObject } from "./objects";
import type { Generation } from "./versions";

/**
 * Dynamic choices, loaded from `/metadata` through the connection the person picked (reference A3):
 * object types, fields (custom fields as `DE:<name>`), references, collections and actions of a type.
 */
const named = z.object({ label: z.string().optional(), name: z.string().optional() }).loose();
const objectMetadata = z
  .object({
    fields: z.record(z.string(), named).default({}),
    references: z.record(z.string(), named).default({}),
    collections: z.record(z.string(), named).default({}),
    custom: z.record(z.string(), named).default({}),
    actions: z.record(z.string(), named).default({}),
  })
  .loose();
const globalMetadata = z.object({ objects: z.record(z.string(), z.object({ objCode: z.string(), label: z.string().optional() }).loose()).default({}) }).loose();

/** Fields Workfront maintains itself: offered for reading, never for writing. */
const SYSTEM_FIELDS = new Set(["ID", "objCode", "entryDate", "lastUpdateDate", "enteredByID", "lastUpdatedByID", "customerID"]);

const toOptions = (entries: Record<string, { label?: string }>, exclude: (name: string) => boolean = () => false): SelectOption[] =>
  Object.entries(entries)
    .filter(([name]) => !exclude(name))
    .map(([name, meta]) => ({ value: name, label: meta.label && meta.label !== name ? `${meta.label} (${name})` : name }));

async function metadataOf(ctx: OptionsContext, generation: Generation) {
  const objCode = typeof ctx.params.objCode === "string" ? ctx.params.objCode : "";
  if (!objCode) throw new Error("Choose a record type first.");
  const client = clientFor(ctx.connection, { apiVersion: generation.apiVersion(ctx.params), signal: ctx.signal });
  return objectMetadata.parse(await client.metadata(objCode));
}

/** Without a connection (never the case in the editor, which loads through one) the known lists answer. */
function fallback(ctx: OptionsContext, pick: (known: NonNullable<ReturnType<typeof knownObject>>) => string[]): SelectOption[] | null {
  if (ctx.connection) return null;
  const known = knownObject(ctx.params.objCode);
  return known ? pick(known).map((name) => ({ value: name, label: name })) : [];
}

export function optionLoaders(generation: Generation): Record<string, OptionsLoader> {
  return {
    async objectTypes(ctx) {
      if (!ctx.connection) return KNOWN_OBJECT_OPTIONS;
      const client = clientFor(ctx.connection, { apiVersion: generation.apiVersion(ctx.params), signal: ctx.signal });
      const meta = globalMetadata.parse(await client.metadata());
      return Object.values(meta.objects)
        .map((o) => ({ value: o.objCode, label: `${o.label ?? o.objCode} (${o.objCode})` }))
        .sort((a, b) => a.label.localeCompare(b.label));
    },
    async fields(ctx) {
      const known = fallback(ctx, (k) => Object.keys(k.fields));
      if (known) return known;
      const meta = await metadataOf(ctx, generation);
      return [...toOptions(meta.fields), ...toOptions(meta.custom)];
    },
    async writableFields(ctx) {
      const known = fallback(ctx, (k) => Object.keys(k.fields).filter((name) => !SYSTEM_FIELDS.has(name)));
      if (known) return known;
      const meta = await metadataOf(ctx, generation);
      return [...toOptions(meta.fields, (name) => SYSTEM_FIELDS.has(name)), ...toOptions(meta.custom)];
    },
    async references(ctx) {
      return fallback(ctx, (k) => Object.keys(k.references)) ?? toOptions((await metadataOf(ctx, generation)).references);
    },
    async collections(ctx) {
      return fallback(ctx, (k) => Object.keys(k.collections)) ?? toOptions((await metadataOf(ctx, generation)).collections);
    },
    /** Fields of the members of the chosen collection (the child type comes from the parent's metadata). */
    async relatedFields(ctx) {
      const collection = typeof ctx.params.collection === "string" ? ctx.params.collection : "";
      if (!collection) throw new Error("Choose a collection first.");
      const meta = await metadataOf(ctx, generation);
      const child = z.object({ typeObjCode: z.string() }).loose().safeParse(meta.collections[collection]);
      if (!child.success) return [];
      const client = clientFor(ctx.connection, { apiVersion: generation.apiVersion(ctx.params), signal: ctx.signal });
      const childMeta = objectMetadata.parse(await client.metadata(child.data.typeObjCode));
      return [...toOptions(childMeta.fields), ...toOptions(childMeta.custom)];
    },
    async actions(ctx) {
      return fallback(ctx, () => []) ?? toOptions((await metadataOf(ctx, generation)).actions);
    },
  };
}
