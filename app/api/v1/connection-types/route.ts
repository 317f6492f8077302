import { describeConnectionType } from "@/lib/connections/registry";
import { connectionTypes } from "@/modules/connection-types";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async () => json({ items: connectionTypes.list().map(describeConnectionType) }));
