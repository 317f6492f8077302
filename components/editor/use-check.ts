"use client";

import { useEffect, useState } from "react";
import { api } from "@/components/ui/api";
import type { Problem } from "./inspector";
import { useEditor } from "./store";

type CheckResult = { errors: Array<Omit<Problem, "severity">>; warnings: Array<Omit<Problem, "severity">> };

const DEBOUNCE_MS = 400;

/**
 * Runs the save-time checks on the unsaved blueprint a moment after each edit, so errors and warnings
 * show on modules and next to fields before saving. Viewers do not edit, so nothing is checked for them.
 */
export function useBlueprintCheck(scenarioId: string, enabled: boolean): Problem[] {
  const blueprint = useEditor((s) => s.blueprint);
  const [problems, setProblems] = useState<Problem[]>([]);
  useEffect(() => {
    if (!enabled || blueprint.modules.length === 0) {
      useEditor.getState().setProblems({});
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api<CheckResult>(`/scenarios/${scenarioId}/check`, { method: "POST", body: { blueprint } })
        .then((result) => {
          if (cancelled) return;
          const all: Problem[] = [...result.errors.map((e) => ({ ...e, severity: "error" as const })), ...result.warnings.map((w) => ({ ...w, severity: "warning" as const }))];
          setProblems(all);
          const counts: Record<number, { errors: number; warnings: number }> = {};
          for (const p of all) {
            if (p.moduleId === undefined) continue;
            const c = (counts[p.moduleId] ??= { errors: 0, warnings: 0 });
            if (p.severity === "error") c.errors++;
            else c.warnings++;
          }
          useEditor.getState().setProblems(counts);
        })
        .catch(() => {
          // A failed check (offline, signed out) leaves the last result; saving reports real errors.
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [blueprint, scenarioId, enabled]);
  return enabled && blueprint.modules.length > 0 ? problems : [];
}
