import { createConnectionTypeRegistry } from "@/lib/connections/registry";
import type { ConnectionTypeDefinition } from "@/lib/connections/define";
import { connectionTypes as httpConnectionTypes } from "./http/connection";

/** Every version of every connection type; old versions stay so existing connections keep working. */
export const allConnectionTypes: readonly ConnectionTypeDefinition[] = [...httpConnectionTypes];

export const connectionTypes = createConnectionTypeRegistry(allConnectionTypes);
