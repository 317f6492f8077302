"use client";

import { useQuery } from "@tanstack/react-query";
import type { ModuleDescription } from "@/lib/modules/describe";
import { api } from "@/components/ui/api";

export interface CatalogModule {
  key: string;
  title: string;
  kind: string;
  latestVersion: number;
  versions: Array<{ version: number; title: string; description: string; connection: string | null; instant: boolean; deprecated: { since: string; sunset: string; reason: string } | null }>;
}

export interface CatalogApp {
  name: string;
  title: string;
  colour: string;
  icon: string;
  modules: CatalogModule[];
}

/** The module registry as the palette and nodes see it; it changes only with a deploy, so it is cached. */
export function useCatalog() {
  return useQuery({ queryKey: ["modules"], queryFn: () => api<{ apps: CatalogApp[]; today: string }>("/modules"), staleTime: Infinity });
}

export function useModuleDescription(key: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ["module", key, version],
    queryFn: () => api<ModuleDescription>(`/modules/${encodeURIComponent(key!)}/${version}`),
    enabled: key !== undefined && version !== undefined,
    staleTime: Infinity,
  });
}

export function appOf(apps: CatalogApp[] | undefined, key: string): CatalogApp | undefined {
  return apps?.find((a) => a.name === key.split(":")[0]);
}
