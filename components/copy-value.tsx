// <Copy value="…" label="redirect URI" /> — an exact value shown as code with a one-click copy button.
// Use it for anything a reader must paste somewhere exactly (URIs, GUIDs, names).
import { StaticCopyButton as CopyButton } from "./prose-static";

export function Copy({ value, label }: { value: string; label?: string }) {
  return (
    <span className="copy-value not-prose">
      <code>
        {value}
      </code>
      <CopyButton text={value} label={label ? `Copy ${label}` : `Copy ${value}`} />
    </span>
  );
}
