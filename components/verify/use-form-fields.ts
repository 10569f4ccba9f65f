import "client-only";
// The text fields of one "Verify my setup" form, keyed by their form field names: their values, the
// instant hints while typing, and the server's error for each. What the customer's progress
// remembers (the client ID and tenant, never the secret) fills a field once it loads, unless the
// customer has typed in that field already. Typing in a field clears its server error.
// The inputs are uncontrolled: what a customer typed before hydration stays in the page, and is
// taken into the values (and so the hints) once React runs; remembered values are written into the
// inputs directly.
import { useEffect, useMemo, useRef, useState } from "react";
import { FIELD, type FormMode } from "@/lib/customer/fields";
import type { Hint } from "@/lib/customer/instant";
import type { ProgressView } from "@/lib/customer/view";
import { useProgress } from "./progress-store";
import type { PanelProps } from "./verify-form";

type Name = keyof typeof FIELD;

export interface FormFieldsSpec<K extends Name> {
  mode: FormMode;
  empty: Record<K, string>;
  /** The values the customer's progress can fill in (keep the function outside the component). */
  remembered: (p: ProgressView) => Partial<Record<K, string | null>>;
  /** The instant hints of the values (keep the function outside the component). */
  hints: (values: Record<K, string>) => Partial<Record<K, Hint | null>>;
}

export function useFormFields<K extends Name>({ mode, empty, remembered, hints }: FormFieldsSpec<K>, { id, verify }: Pick<PanelProps, "id" | "verify">) {
  const progress = useProgress();
  const [values, setValues] = useState(empty);
  const touched = useRef(new Set<K>());
  const hinted = useMemo(() => hints(values), [hints, values]);
  const form = verify.forms[mode];

  // After hydration: whatever the browser already holds (typed before React ran, or kept by the
  // browser on back/forward) is the customer's, and counts as typed.
  useEffect(() => {
    const f = form.current;
    if (!f) return;
    const held: Partial<Record<K, string>> = {};
    for (const name of Object.keys(empty) as K[]) {
      const value = readControl(f, FIELD[name]);
      if (value) {
        held[name] = value;
        touched.current.add(name);
      }
    }
    if (Object.keys(held).length > 0) setValues((v) => ({ ...v, ...held }));
  }, [form, empty]);

  useEffect(() => {
    if (progress.state !== "ok") return;
    const known = Object.entries(remembered(progress.progress)) as [K, string | null | undefined][];
    const f = form.current;
    const fill: Partial<Record<K, string>> = {};
    for (const [name, value] of known) {
      if (!value || touched.current.has(name)) continue;
      const control = f?.elements.namedItem(FIELD[name]);
      if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) {
        if (control.value) continue;
        control.value = value;
      }
      fill[name] = value;
    }
    if (Object.keys(fill).length > 0) setValues((v) => ({ ...v, ...fill }));
  }, [progress, remembered, form]);

  const set = (name: K) => (value: string) => {
    touched.current.add(name);
    setValues((old) => ({ ...old, [name]: value }));
    verify.clearError(mode, FIELD[name]);
  };

  return {
    values,
    set,
    /** The props of a TextField or TextArea for a field; `idPart` names its element id. */
    field: (name: K, idPart: string = name) => ({
      id: id(idPart),
      name: FIELD[name],
      onChange: set(name),
      hint: hinted[name] ?? null,
      error: verify.errorFor(mode, FIELD[name]),
    }),
  };
}

/** The value a form control holds now: a text field's text, or the checked radio's value. */
export function readControl(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  if (control instanceof RadioNodeList) return control.value;
  if (control instanceof HTMLInputElement) return control.type === "checkbox" || control.type === "radio" ? (control.checked ? control.value : "") : control.value;
  if (control instanceof HTMLTextAreaElement) return control.value;
  return "";
}

/** Whether a checkbox of the form is ticked now (after hydration: the browser's state, not the server's). */
export function isTicked(form: HTMLFormElement | null, name: string, value?: string): boolean {
  if (!form) return false;
  const boxes = Array.from(form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`));
  return boxes.some((b) => b.checked && (value === undefined || b.value === value));
}
