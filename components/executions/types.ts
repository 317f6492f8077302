import type { ExecutionDetail, ExecutionSummary, IncompleteView } from "@/lib/executions/service";

export type { ExecutionDetail, ExecutionSummary, IncompleteView };

export const statusTone = {
  queued: "slate",
  running: "brand",
  success: "green",
  warning: "amber",
  error: "red",
  incomplete: "amber",
} as const;
