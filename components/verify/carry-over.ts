import "client-only";
// What a customer typed or ticked in a panel before the page hydrated. The panel's server HTML (no
// JavaScript: the fields form, the manifest form in a disclosure) is replaced by the tabbed layout once
// React runs, which mounts new form elements; this carries the values across, so nothing typed on a
// slow device is lost.

export interface FormSnapshot {
  /** form mode → control name → text values (in order) and ticked values */
  [mode: string]: { texts: Record<string, string[]>; ticked: Record<string, string[]> };
}

function controls(root: ParentNode, mode: string) {
  return Array.from(root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`form[data-mode="${mode}"] input[name], form[data-mode="${mode}"] textarea[name]`));
}

/** The text and ticked values of every form in `root` (hidden inputs left out: they are the page's own). */
export function snapshotForms(root: ParentNode | null): FormSnapshot | null {
  if (!root) return null;
  const out: FormSnapshot = {};
  let any = false;
  for (const form of Array.from(root.querySelectorAll<HTMLFormElement>("form[data-mode]"))) {
    const mode = form.dataset.mode!;
    const entry = (out[mode] ??= { texts: {}, ticked: {} });
    for (const el of controls(root, mode)) {
      if (el instanceof HTMLInputElement && el.type === "hidden") continue;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        (entry.ticked[el.name] ??= []).push(...(el.checked ? [el.value] : []));
        if (el.checked !== el.defaultChecked) any = true;
      } else {
        (entry.texts[el.name] ??= []).push(el.value);
        if (el.value !== "") any = true;
      }
    }
  }
  return any ? out : null;
}

/** Puts a snapshot back into the (new) forms of `root`. */
export function restoreForms(root: ParentNode | null, snapshot: FormSnapshot): void {
  if (!root) return;
  for (const [mode, entry] of Object.entries(snapshot)) {
    const seen: Record<string, number> = {};
    for (const el of controls(root, mode)) {
      if (el instanceof HTMLInputElement && el.type === "hidden") continue;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        const ticked = entry.ticked[el.name];
        if (ticked) el.checked = ticked.includes(el.value);
      } else {
        const i = (seen[el.name] = (seen[el.name] ?? -1) + 1);
        const value = entry.texts[el.name]?.[i];
        if (value !== undefined && value !== "") el.value = value;
      }
    }
  }
}
