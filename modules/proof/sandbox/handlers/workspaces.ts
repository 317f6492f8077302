import { faults } from "../faults";
import type { Workspace } from "../model";
import { workspaceView } from "../views";
import type { SessionHandler } from "./types";

export const workspaceHandlers: Record<string, SessionHandler> = {
  getWorkspaces(call) {
    // Other people's personal workspaces are theirs alone.
    return call.store.workspaces.filter((w) => w.accountId === call.user.accountId && (!w.personal || w.ownerId === call.user.id)).map(workspaceView);
  },

  createWorkspace(call) {
    const { args, store, user } = call;
    const parentId = args.int("ParentWorkspaceID") ?? 0;
    if (parentId !== 0 && !store.workspaces.some((w) => w.id === parentId && w.accountId === user.accountId)) throw faults.invalidParameter("ParentWorkspaceID", "no such workspace");
    const ownerId = args.int("OwnerID") ?? 0;
    if (ownerId !== 0 && !store.users.some((u) => u.id === ownerId && u.accountId === user.accountId)) throw faults.invalidParameter("OwnerID", "not a user of this account (0 means you)");
    const workspace: Workspace = {
      id: store.nextId("workspace"),
      accountId: user.accountId,
      name: args.requiredText("Name"),
      description: args.text("Description") ?? "",
      client: args.text("Client") ?? "",
      project: args.text("Project") ?? "",
      personal: args.bool("Personal") ?? false,
      parentId,
      ownerId: ownerId === 0 ? user.id : ownerId,
    };
    store.workspaces.push(workspace);
    return workspaceView(workspace);
  },
};
