// Dates and durations as support staff read them: absolute in UTC (unambiguous across teams) plus
// a short relative age.
const DAY = 86_400_000;

export function formatUtc(d: Date | null | undefined): string {
  if (!d) return "—";
  return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

export function relativeAge(d: Date | null | undefined, now = new Date()): string {
  if (!d) return "";
  const ms = now.getTime() - d.getTime();
  if (ms < 0) return "just now";
  const min = Math.floor(ms / 60_000);
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  const days = Math.floor(ms / DAY);
  if (days < 60) return `${days} d ago`;
  const months = Math.floor(days / 30);
  return `${months} mo ago`;
}

/**
 * A share as a whole percentage that never reads "0%" or "100%" unless it is: 1 setup of 300 is "<1%",
 * 299 of 300 is ">99%" (rounding would say 0% and 100%, which staff read as none and all).
 */
export function percent(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return "0%";
  if (share >= 1) return "100%";
  if (share < 0.005) return "<1%";
  if (share >= 0.995) return ">99%";
  return `${Math.round(share * 100)}%`;
}
