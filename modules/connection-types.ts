import { createConnectionTypeRegistry } from "@/lib/connections/registry";
import type { ConnectionTypeDefinition } from "@/lib/connections/define";
import { connectionTypes as httpConnectionTypes } from "./http/connection";
import { connectionTypes as workfrontConnectionTypes } from "./workfront/connection";
import { connectionTypes as soapConnectionTypes } from "./soap/connection";
import { connectionTypes as proofConnectionTypes } from "./proof/connection";

/** Every version of every connection type; old versions stay so existing connections keep working. */
export const allConnectionTypes: readonly ConnectionTypeDefinition[] = [...httpConnectionTypes, ...workfrontConnectionTypes, ...soapConnectionTypes, ...proofConnectionTypes];

export const connectionTypes = createConnectionTypeRegistry(allConnectionTypes);
