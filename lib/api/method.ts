// The JSON API's answer to a method it does not serve: the same error body as every other API error
// (`{ error: { code, message, field } }`), with Allow. proxy.ts answers PUT, PATCH and DELETE before any
// route runs; the route answers GET (lib/api/verify.ts). No server-only imports: the proxy uses it.
export const VERIFY_PATH = "/api/v1/verify";
export const VERIFY_ALLOW = "POST";

export function methodNotAllowedError(method: string): { code: "method_not_allowed"; message: string; field: null } {
  return {
    code: "method_not_allowed",
    message: `${method.slice(0, 16)} is not supported here: send POST with a JSON body such as {"clientId": "…"}. The reference is at /docs/api.`,
    field: null,
  };
}
