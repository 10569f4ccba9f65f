// Form fields of the "Verify my setup" panels: a label, help text, the instant hint and the server's
// error, all tied to the control with aria-describedby; aria-invalid when the value is wrong.
// Every control is uncontrolled (defaultValue / defaultChecked): on a slow device a customer may type
// or paste before React hydrates the page, and a controlled input would be reset to its server value
// then. The forms read what the browser holds (use-form-fields.ts) and follow each change.
import type { ReactNode } from "react";
import type { Hint } from "@/lib/customer/instant";

// One class per kind of element (app/globals.css, .vf-*): the panels are plain HTML in every guide page.

function ids(base: string, help: boolean, hint: boolean, error: boolean): string | undefined {
  const list = [help ? `${base}-help` : "", hint ? `${base}-hint` : "", error ? `${base}-error` : ""].filter(Boolean);
  return list.length ? list.join(" ") : undefined;
}

const HINT_STYLE: Record<Hint["level"], string> = {
  ok: "text-emerald-800 dark:text-emerald-300",
  warn: "text-amber-900 dark:text-amber-200",
  error: "text-red-800 dark:text-red-300",
};
const HINT_PREFIX: Record<Hint["level"], string> = { ok: "", warn: "Check: ", error: "Problem: " };

export function FieldMessages({ id, help, hint, error }: { id: string; help?: ReactNode; hint?: Hint | null; error?: string | null }) {
  return (
    <>
      {help && (
        <p id={`${id}-help`} className="vf-help">
          {help}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} data-hint={hint.level} className={`mt-1 text-sm ${HINT_STYLE[hint.level]}`}>
          {hint.level === "ok" ? <span aria-hidden="true">✓ </span> : <span className="font-semibold">{HINT_PREFIX[hint.level]}</span>}
          {hint.message}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} data-field-error className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
          <span className="font-semibold">Error: </span>
          {error}
        </p>
      )}
    </>
  );
}

export interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  onChange: (v: string) => void;
  help?: ReactNode;
  hint?: Hint | null;
  error?: string | null;
  placeholder?: string;
  type?: "text" | "password";
  inputMode?: "text" | "url";
  optional?: boolean;
}

/** The parts a text input and a text area share: label, the attributes that tie it to its messages, the messages. */
function textControl({ id, help, hint, error }: Pick<TextFieldProps, "id" | "help" | "hint" | "error">) {
  const invalid = !!error || hint?.level === "error";
  return {
    props: {
      id,
      defaultValue: "",
      autoComplete: "off",
      spellCheck: false,
      "aria-invalid": invalid || undefined,
      "aria-describedby": ids(id, !!help, !!hint, !!error),
    },
    messages: <FieldMessages id={id} help={help} hint={hint} error={error} />,
  };
}

function FieldLabel({ id, label, optional }: { id: string; label: string; optional?: boolean | undefined }) {
  return (
    <label htmlFor={id} className="vf-label">
      {label}
      {optional && <span className="vf-opt"> (optional)</span>}
    </label>
  );
}

export function TextField({ id, name, label, onChange, help, hint, error, placeholder, type = "text", inputMode, optional }: TextFieldProps) {
  const c = textControl({ id, help, hint, error });
  return (
    <div className="vf-field">
      <FieldLabel id={id} label={label} optional={optional} />
      <input
        {...c.props}
        name={name}
        type={type}
        inputMode={inputMode}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        autoCapitalize="off"
        autoCorrect="off"
        className="vf-input"
        {...(type === "password" ? { "data-1p-ignore": "", "data-lpignore": "true" } : {})}
      />
      {c.messages}
    </div>
  );
}

export function TextArea({ id, name, label, onChange, help, hint, error, rows = 8, placeholder }: Omit<TextFieldProps, "type" | "inputMode"> & { rows?: number }) {
  const c = textControl({ id, help, hint, error });
  return (
    <div className="vf-field">
      <FieldLabel id={id} label={label} />
      <textarea {...c.props} name={name} rows={rows} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} className="vf-input text-xs" />
      {c.messages}
    </div>
  );
}

export function Choice({
  type,
  name,
  value,
  defaultChecked = false,
  onChange,
  label,
  detail,
  id,
  describedBy,
  invalid,
}: {
  describedBy?: string | undefined;
  invalid?: boolean;
  type: "radio" | "checkbox";
  name: string;
  value: string;
  /** Checked in the server's HTML; afterwards the browser keeps the state (uncontrolled, so nothing ticked before hydration is lost). */
  defaultChecked?: boolean;
  onChange?: (checked: boolean) => void;
  label: ReactNode;
  detail?: ReactNode;
  id: string;
}) {
  return (
    <div className="vf-choice">
      <input
        id={id}
        type={type}
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        onChange={onChange ? (e) => onChange(e.target.checked) : undefined}
        aria-describedby={[detail ? `${id}-detail` : "", describedBy ?? ""].filter(Boolean).join(" ") || undefined}
        aria-invalid={invalid || undefined}
      />
      <label htmlFor={id}>
        {label}
        {detail && (
          <span id={`${id}-detail`} className="vf-detail">
            {detail}
          </span>
        )}
      </label>
    </div>
  );
}
