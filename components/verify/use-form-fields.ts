import "client-only";
// The text fields of one "Verify my setup" form, keyed by their form field names: their values, the
// instant hints while typing, and the server's error for each. What the customer's progress
// remembers (the client ID and tenant, never the secret) fills a field once it loads, unless the
// customer has typed in that field already. Typing in a field clears its server error.
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

  useEffect(() => {
    if (progress.state !== "ok") return;
    const known = Object.entries(remembered(progress.progress)) as [K, string | null | undefined][];
    setValues((v) => {
      const next = { ...v };
      for (const [name, value] of known) if (value && !v[name] && !touched.current.has(name)) next[name] = value;
      return next;
    });
  }, [progress, remembered]);

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
      value: values[name],
      onChange: set(name),
      hint: hinted[name] ?? null,
      error: verify.errorFor(mode, FIELD[name]),
    }),
  };
}
