// Building blocks for the portal sketches: themed with Tailwind classes so they follow dark mode.
import type { ReactNode } from "react";

export const MONO = 'ui-monospace, Menlo, Consolas, "Liberation Mono", monospace';

export const T = {
  text: "fill-zinc-800 dark:fill-zinc-100",
  muted: "fill-zinc-600 dark:fill-zinc-400",
  box: "fill-white stroke-zinc-400 dark:fill-zinc-900 dark:stroke-zinc-500",
  panel: "fill-zinc-50 stroke-zinc-300 dark:fill-zinc-900/60 dark:stroke-zinc-700",
  accent: "fill-violet-700 dark:fill-violet-300",
  accentStroke: "stroke-violet-600 dark:stroke-violet-400",
  good: "fill-emerald-700 dark:fill-emerald-300",
  goodStroke: "stroke-emerald-600 dark:stroke-emerald-400",
  goodFill: "fill-emerald-50 dark:fill-emerald-950/60",
  bad: "fill-red-700 dark:fill-red-300",
  badStroke: "stroke-red-600 dark:stroke-red-400",
  badFill: "fill-red-50 dark:fill-red-950/60",
  button: "fill-sky-700 dark:fill-sky-600",
};

export function Sketch({ title, desc, width, height, children }: { title: string; desc: string; width: number; height: number; children: ReactNode }) {
  const id = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="h-auto w-full"
      // Arial's metrics (Liberation Sans on Linux) are the same everywhere, so labels fit their boxes.
      fontFamily='Arial, "Liberation Sans", Helvetica, sans-serif'
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <rect x="0.5" y="0.5" width={width - 1} height={height - 1} rx="10" className={T.panel} />
      {children}
    </svg>
  );
}

export function Badge({ x, y, n }: { x: number; y: number; n: number }) {
  return (
    <g>
      <circle cx={x} cy={y} r="11" className="fill-violet-700 dark:fill-violet-400" />
      <text x={x} y={y + 4.5} textAnchor="middle" fontSize="13" fontWeight="700" className="fill-white dark:fill-zinc-950">
        {n}
      </text>
    </g>
  );
}

export function Field({ x, y, w, h = 30, children, highlight = false }: { x: number; y: number; w: number; h?: number; children?: ReactNode; highlight?: boolean }) {
  return (
    <g>
      <rect x={x} y={y} width={w} height={h} rx="3" className={highlight ? `fill-white dark:fill-zinc-900 ${T.accentStroke}` : T.box} strokeWidth={highlight ? 2 : 1} />
      {children}
    </g>
  );
}

export function Radio({ x, y, checked }: { x: number; y: number; checked?: boolean }) {
  return (
    <g>
      <circle cx={x} cy={y} r="7" className={checked ? `fill-white dark:fill-zinc-900 ${T.accentStroke}` : T.box} strokeWidth={checked ? 2 : 1} />
      {checked && <circle cx={x} cy={y} r="3.5" className="fill-violet-700 dark:fill-violet-300" />}
    </g>
  );
}
