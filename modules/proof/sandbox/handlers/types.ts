import type { SoapValue } from "@/lib/soap";
import type { Args } from "../args";
import type { SandboxContext } from "../context";
import type { Session, User } from "../model";
import type { Surface } from "../versions";

export interface CallContext extends SandboxContext {
  args: Args;
  /** Absolute URL of the sandbox root as the caller reached it; links in responses start here. */
  baseUrl: string;
  surface: Surface;
}

export interface SessionCallContext extends CallContext {
  user: User;
  session: Session;
}

/** Methods callable without a session (logins, checkSession). */
export type PublicHandler = (call: CallContext) => SoapValue;
export type SessionHandler = (call: SessionCallContext) => SoapValue;
