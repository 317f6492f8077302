"use client";

import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import type { FieldSpec } from "@/lib/modules/field-spec";
import type { BlueprintModule } from "@/lib/scenario/blueprint";

const filled = (params: Record<string, unknown>, names: readonly string[]) => names.every((n) => params[n] !== undefined && params[n] !== "");

/**
 * Fields the server generates from a module's settings (soap:call: the chosen operation's input parts,
 * read from the WSDL through the module's connection). Loaded again whenever those settings change.
 */
export function useGeneratedFields(mod: BlueprintModule, dependsOn: readonly string[] | null): UseQueryResult<FieldSpec[]> {
  const depends = dependsOn ?? [];
  const settings = Object.fromEntries(depends.map((n) => [n, mod.params[n]]));
  return useQuery({
    queryKey: ["module-fields", mod.module, mod.version, mod.connection ?? null, JSON.stringify(settings)],
    queryFn: async () =>
      (
        await api<{ items: FieldSpec[] }>(`/modules/${encodeURIComponent(mod.module)}/${mod.version}/fields`, {
          method: "POST",
          body: { connection: mod.connection ?? null, params: mod.params },
        })
      ).items,
    enabled: dependsOn !== null && filled(mod.params, depends),
    staleTime: 60_000,
    retry: false,
  });
}

/** Why the generated fields are not there yet: settings missing, loading, or the server's reason. */
export function GeneratedFieldsState({ query, dependsOn, labels, params }: { query: UseQueryResult<FieldSpec[]>; dependsOn: readonly string[]; labels: readonly FieldSpec[]; params: Record<string, unknown> }) {
  if (!filled(params, dependsOn)) {
    const names = dependsOn.map((n) => labels.find((f) => f.name === n)?.label ?? n);
    return <p className="text-[11px] text-slate-500" data-testid="generated-fields">More fields appear here once {names.join(" and ")} {names.length === 1 ? "is" : "are"} set.</p>;
  }
  if (query.isPending) return <p className="text-[11px] text-slate-600" data-testid="generated-fields">Loading the fields…</p>;
  if (query.isError) {
    return (
      <div data-testid="generated-fields" className="space-y-1">
        <Alert>{errorMessage(query.error)}</Alert>
        <Button type="button" variant="ghost" className="px-1 py-0.5 text-xs" onClick={() => void query.refetch()}>
          Load the fields again
        </Button>
      </div>
    );
  }
  return null;
}
