import { CURRENT_SCHEMA_VERSION } from "./blueprint";

/**
 * Migrations of the blueprint document format itself (`schemaVersion`), separate from module versions.
 * A document written in an older format is brought to the current one step by step when it is read or
 * imported; the service keeps the original as a backup revision (docs/upgrades.md, "Document migrations").
 *
 * Each step is pure and sees the document as plain JSON: keys it does not know must be carried over.
 */
export interface SchemaStep {
  from: number;
  to: number;
  /** One line for the revision message and the docs: what the step changes. */
  summary: string;
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}

export interface SchemaChain {
  current: number;
  steps: readonly SchemaStep[];
}

/**
 * The shipped chain. Schema 1 is the first released format and nothing has needed a new one yet, so there
 * are no steps; the first change to the document format adds a step here and bumps CURRENT_SCHEMA_VERSION.
 */
export const BLUEPRINT_SCHEMA: SchemaChain = { current: CURRENT_SCHEMA_VERSION, steps: [] };

export class SchemaMigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaMigrationError";
  }
}

export interface SchemaMigration {
  document: unknown;
  from: number;
  to: number;
  /** The summaries of the steps applied, in order; empty when the document was current. */
  applied: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The document's declared format version, or null when it declares none (or not as a whole number). */
export function schemaVersionOf(document: unknown): number | null {
  const v = isRecord(document) ? document.schemaVersion : undefined;
  return typeof v === "number" && Number.isInteger(v) ? v : null;
}

/** Whether the document is in a format older than the chain's current one (and so would be migrated). */
export function isOlderSchema(document: unknown, chain: SchemaChain = BLUEPRINT_SCHEMA): boolean {
  const v = schemaVersionOf(document);
  return v !== null && v < chain.current;
}

/**
 * Brings the document to the chain's current version. A current document, or one that is not an object
 * or declares no version, is returned as it is (the schema check reports what is wrong with it). A newer
 * version, or an older one without a complete chain, is refused: guessing would corrupt it.
 */
export function migrateDocument(document: unknown, chain: SchemaChain = BLUEPRINT_SCHEMA): SchemaMigration {
  const from = schemaVersionOf(document);
  if (from === null || !isRecord(document) || from === chain.current) return { document, from: from ?? chain.current, to: from ?? chain.current, applied: [] };
  if (from > chain.current) {
    throw new SchemaMigrationError(`This document uses blueprint schema ${from}, newer than this Patchbay understands (up to ${chain.current}). Update Patchbay to open it.`);
  }
  let current: Record<string, unknown> = structuredClone(document);
  let version = from;
  const applied: string[] = [];
  while (version < chain.current) {
    const step = chain.steps.find((s) => s.from === version);
    if (!step || step.to <= version) {
      throw new SchemaMigrationError(`No migration leads from blueprint schema ${version} towards ${chain.current}; this document cannot be read.`);
    }
    let next: Record<string, unknown>;
    try {
      next = step.migrate(structuredClone(current));
    } catch (error) {
      throw new SchemaMigrationError(`Migrating the document from schema ${step.from} to ${step.to} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    current = { ...next, schemaVersion: step.to };
    applied.push(step.summary);
    version = step.to;
  }
  return { document: current, from, to: version, applied };
}

/** The revision message of a migration: "Migrated the document from schema 1 to 2 (…)". */
export function schemaMigrationMessage(migration: SchemaMigration, backupRevision: number): string {
  return `Migrated the document from schema ${migration.from} to ${migration.to}; revision ${backupRevision} keeps the original`.slice(0, 500);
}
