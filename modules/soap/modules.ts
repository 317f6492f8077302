import type { ModuleDefinition } from "@/lib/modules/define";
import callV1 from "./call.v1";
import callWithAuthV1 from "./call-with-auth.v1";

/** Every SOAP module version (modules/index.ts spreads this into allModules). */
export const soapModules: readonly ModuleDefinition[] = [callV1, callWithAuthV1];
