import type { BlueprintCheckers } from "../scenario/validate";

/** The save-time checks every scenario write goes through (web and worker processes alike). */
export function blueprintCheckers(): BlueprintCheckers {
  return {};
}
