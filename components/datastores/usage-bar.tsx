import { formatBytes } from "./types";

/** How full a store is: a meter with the numbers beside it, amber from 80 % and red from 95 %. */
export function UsageBar({ used, max }: { used: number; max: number }) {
  const share = max > 0 ? Math.min(1, used / max) : 0;
  const tone = share >= 0.95 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-brand-600";
  const text = `${formatBytes(used)} of ${formatBytes(max)}`;
  return (
    <div className="min-w-40 space-y-1" data-testid="store-usage">
      <div
        role="meter"
        aria-label="Storage used"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={used}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${tone}`} style={{ width: `${Math.max(share * 100, used > 0 ? 2 : 0)}%` }} />
      </div>
      <p className="text-xs text-slate-600">{text}</p>
    </div>
  );
}
