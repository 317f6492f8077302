import Link from "next/link";
import type { VersionCounts } from "@/lib/modules/sunset";
import { Badge } from "@/components/ui/misc";

/** "2 outdated" / "1 sunset": how far a scenario's modules are behind; nothing when they are all current. */
export function VersionCountBadges({ versions, scenarioName }: { versions: VersionCounts; scenarioName?: string }) {
  if (versions.outdated === 0) return null;
  const of = scenarioName ? ` in ${scenarioName}` : "";
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid="version-counts">
      {versions.sunset > 0 ? (
        <span title="Past the sunset date: runs fail until these modules are upgraded or replaced.">
          <Badge tone="red">{versions.sunset} sunset<span className="sr-only"> module{versions.sunset === 1 ? "" : "s"}{of}</span></Badge>
        </span>
      ) : null}
      <span title={versions.deprecated > 0 ? `${versions.deprecated} deprecated: they stop running after their sunset date.` : "A newer version is available."}>
        <Badge tone={versions.deprecated > 0 ? "amber" : "brand"}>
          {versions.outdated} outdated<span className="sr-only"> module{versions.outdated === 1 ? "" : "s"}{of}</span>
        </Badge>
      </span>
    </span>
  );
}

/** On the scenario page: a scenario that no longer runs says so, and where to fix it. */
export function SunsetNotice({ versions }: { versions: VersionCounts }) {
  if (versions.sunset === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="sunset-notice">
      {versions.sunset === 1 ? "One module has" : `${versions.sunset} modules have`} passed the sunset date and no longer run{versions.sunset === 1 ? "s" : ""}: every run of this
      scenario fails until {versions.sunset === 1 ? "it is" : "they are"} upgraded or replaced. Use “Upgrade whole scenario”, or the{" "}
      <Link href="/upgrades" className="font-medium underline">Upgrade center</Link>.
    </div>
  );
}
