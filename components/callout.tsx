// <Callout type title> — also what :::note / :::tip / :::info / :::caution / :::danger become.
import type { ReactNode } from "react";
import { CautionIcon, DangerIcon, InfoIcon, NoteIcon, TipIcon } from "./icons";

export type CalloutType = "note" | "tip" | "info" | "caution" | "danger";

const STYLES: Record<CalloutType, { label: string; Icon: typeof NoteIcon }> = {
  note: {
    label: "Note",
    Icon: NoteIcon,
  },
  tip: {
    label: "Tip",
    Icon: TipIcon,
  },
  info: {
    label: "Info",
    Icon: InfoIcon,
  },
  caution: {
    label: "Caution",
    Icon: CautionIcon,
  },
  danger: {
    label: "Danger",
    Icon: DangerIcon,
  },
};

export function Callout({ type = "note", title, children }: { type?: CalloutType; title?: string; children?: ReactNode }) {
  const kind: CalloutType = STYLES[type] ? type : "note";
  const style = STYLES[kind];
  const { Icon } = style;
  return (
    <div role="note" data-callout={type} className={`callout callout-${kind} not-prose`}>
      <p className="callout-title">
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
      <div className="callout-body prose prose-zinc prose-sm dark:prose-invert">
        {children}
      </div>
    </div>
  );
}
