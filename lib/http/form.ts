// Reading fields of a submitted form, the same way in the server actions (JavaScript on) and the
// plain-HTML POST routes (JavaScript off).

/** A text field, or undefined when absent (or a file). */
export function formText(form: { get(name: string): unknown }, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
}

/** A checkbox: ticked when sent as "on" (a browser's default value) or "true" (a script's). */
export function formFlag(form: { get(name: string): unknown }, name: string): boolean {
  const v = formText(form, name);
  return v === "on" || v === "true";
}
