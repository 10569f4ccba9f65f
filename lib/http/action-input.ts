// Server actions are public endpoints: anybody can call one with any arguments (a JSON body with the
// Next-Action header). Every action that takes a form checks that it got one before reading it.
export const NOT_A_FORM_MESSAGE = "This request did not come from the form. Reload the page and send the form again.";

export function isFormData(value: unknown): value is FormData {
  return typeof FormData !== "undefined" && value instanceof FormData;
}
