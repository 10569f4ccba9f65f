// A horizontal bar chart rendered on the server as SVG: no client JavaScript, readable in dark
// mode, and announced to screen readers as one image with its numbers in the label (the page
// also shows the same numbers in a table).
export interface Bar {
  label: string;
  value: number;
  /** Shown after the value, e.g. "62%" */
  note?: string;
}

const ROW = 34;
const LABEL_W = 250;
const BAR_W = 380;
const VALUE_W = 110;

export function BarChart({
  bars,
  label,
  tone = "accent",
}: {
  bars: Bar[];
  /** What the chart shows, for the accessible name (the numbers are appended). */
  label: string;
  tone?: "accent" | "rose";
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * ROW + 8;
  const width = LABEL_W + BAR_W + VALUE_W;
  const aria = `${label}: ${bars.length ? bars.map((b) => `${b.label} ${b.value}${b.note ? ` (${b.note})` : ""}`).join("; ") : "no data"}`;
  const barClass = tone === "rose" ? "fill-rose-500 dark:fill-rose-400" : "fill-violet-600 dark:fill-violet-400";
  return (
    <svg
      role="img"
      aria-label={aria}
      viewBox={`0 0 ${width} ${height}`}
      className="h-auto w-full max-w-3xl"
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{aria}</title>
      {bars.length === 0 ? (
        <text x={0} y={22} className="fill-zinc-500 text-[14px] dark:fill-zinc-400">
          No data in this period.
        </text>
      ) : null}
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        const w = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * BAR_W));
        return (
          <g key={`${b.label}-${i}`}>
            <text
              x={LABEL_W - 10}
              y={y + ROW / 2}
              dominantBaseline="middle"
              textAnchor="end"
              className="fill-zinc-700 text-[13px] dark:fill-zinc-300"
            >
              {b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label}
            </text>
            <rect x={LABEL_W} y={y + 5} width={BAR_W} height={ROW - 10} rx={3} className="fill-zinc-100 dark:fill-zinc-800" />
            <rect x={LABEL_W} y={y + 5} width={w} height={ROW - 10} rx={3} className={barClass} />
            <text
              x={LABEL_W + BAR_W + 8}
              y={y + ROW / 2}
              dominantBaseline="middle"
              className="fill-zinc-900 text-[13px] font-semibold tabular-nums dark:fill-zinc-100"
            >
              {b.value.toLocaleString("en-US")}
              {b.note ? <tspan className="fill-zinc-500 font-normal dark:fill-zinc-400">{` ${b.note}`}</tspan> : null}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
