import type { ConnectionTypeDefinition } from "./define";

export interface ConnectionTypeRegistry {
  get(id: string): ConnectionTypeDefinition | undefined;
  list(): ConnectionTypeDefinition[];
}

export function createConnectionTypeRegistry(types: Iterable<ConnectionTypeDefinition>): ConnectionTypeRegistry {
  const byId = new Map<string, ConnectionTypeDefinition>();
  for (const t of types) {
    if (byId.has(t.id)) throw new Error(`Connection type ${t.id} is registered twice.`);
    byId.set(t.id, t);
  }
  return {
    get: (id) => byId.get(id),
    list: () => [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

/** JSON-serialisable description for GET /api/v1/connection-types and the connection form. */
export function describeConnectionType(t: ConnectionTypeDefinition) {
  return {
    id: t.id,
    key: t.key,
    version: t.version,
    app: t.app,
    title: t.title,
    description: t.description,
    fields: structuredClone([...t.fields]),
    verifiable: t.verify !== undefined,
    oauth2: t.oauth2 !== undefined,
    deprecated: t.deprecated ?? null,
  };
}
