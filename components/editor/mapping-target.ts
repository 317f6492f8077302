"use client";

import { create } from "zustand";

/** The field the mapping panel inserts into: the mappable field that last had focus. */
export interface MappingTarget {
  /** Unique per field instance, so a field can tell it is still the target. */
  key: string;
  label: string;
  /** The module whose upstream the panel lists (for a link's filter: the module the link leaves). */
  upstreamOf: number;
  /** Whether `upstreamOf` itself is listed too (a filter may use the module it follows). */
  includeSelf: boolean;
  /** Inserts an expression (`1.name`, `upper()`) at the caret; `caretBack` leaves the caret that many characters before its end. */
  insert(expression: string, caretBack?: number): void;
}

export const useMappingTarget = create<{ target: MappingTarget | null; setTarget(target: MappingTarget | null): void }>((set) => ({
  target: null,
  setTarget: (target) => set({ target }),
}));
