// <Callout type title> — also what :::note / :::tip / :::info / :::caution / :::danger become.
import type { ReactNode } from "react";
import { ProseIcon } from "./prose-static";

export type CalloutType = "note" | "tip" | "info" | "caution" | "danger";

const LABEL: Record<CalloutType, string> = { note: "Note", tip: "Tip", info: "Info", caution: "Caution", danger: "Danger" };

export function Callout({ type = "note", title, children }: { type?: CalloutType; title?: string; children?: ReactNode }) {
  const kind: CalloutType = LABEL[type] ? type : "note";
  return (
    <div role="note" data-callout={type} className={`callout callout-${kind} not-prose`}>
      <p className="callout-title">
        <ProseIcon name={kind} />
        <span>
          {title ? (
            <>
              <span className="sr-only">{LABEL[kind]}: </span>
              {title}
            </>
          ) : (
            LABEL[kind]
          )}
        </span>
      </p>
      <div className="callout-body prose prose-zinc prose-sm dark:prose-invert">
        {children}
      </div>
    </div>
  );
}
