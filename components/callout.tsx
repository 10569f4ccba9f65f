// <Callout type title> — also what :::note / :::tip / :::info / :::caution / :::danger become.
import type { ReactNode } from "react";
import { CautionIcon, DangerIcon, InfoIcon, NoteIcon, TipIcon } from "./icons";

export type CalloutType = "note" | "tip" | "info" | "caution" | "danger";

const STYLES: Record<CalloutType, { label: string; box: string; title: string; Icon: typeof NoteIcon }> = {
  note: {
    label: "Note",
    box: "border-zinc-300 bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900",
    title: "text-zinc-900 dark:text-zinc-100",
    Icon: NoteIcon,
  },
  tip: {
    label: "Tip",
    box: "border-emerald-400 bg-emerald-50 dark:border-emerald-700 dark:bg-emerald-950/50",
    title: "text-emerald-900 dark:text-emerald-200",
    Icon: TipIcon,
  },
  info: {
    label: "Info",
    box: "border-sky-400 bg-sky-50 dark:border-sky-700 dark:bg-sky-950/50",
    title: "text-sky-900 dark:text-sky-200",
    Icon: InfoIcon,
  },
  caution: {
    label: "Caution",
    box: "border-amber-400 bg-amber-50 dark:border-amber-600 dark:bg-amber-950/50",
    title: "text-amber-900 dark:text-amber-200",
    Icon: CautionIcon,
  },
  danger: {
    label: "Danger",
    box: "border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950/50",
    title: "text-red-900 dark:text-red-200",
    Icon: DangerIcon,
  },
};

export function Callout({ type = "note", title, children }: { type?: CalloutType; title?: string; children?: ReactNode }) {
  const style = STYLES[type] ?? STYLES.note;
  const { Icon } = style;
  return (
    <div role="note" data-callout={type} className={`callout not-prose my-6 rounded-lg border-l-4 border-y border-r px-4 py-3 ${style.box}`}>
      <p className={`flex items-center gap-2 text-sm font-semibold ${style.title}`}>
        <Icon className="shrink-0" />
        <span>
          {title ? (
            <>
              <span className="sr-only">{style.label}: </span>
              {title}
            </>
          ) : (
            style.label
          )}
        </span>
      </p>
      <div className="callout-body prose prose-zinc dark:prose-invert prose-sm mt-1 max-w-none text-zinc-800 dark:text-zinc-200 [&>*:first-child]:mt-0 [&>*:last-child]:mb-0">
        {children}
      </div>
    </div>
  );
}
