// Instant feedback while a person types, for what needs no server: the same rules as the full check
// (GUID shape, redirect-URI near misses, a Secret ID in the secret field, tenant syntax), as one
// short message per field. Pure and synchronous: safe to import in a client component.
// A message about the secret never contains any of it.
import { REQUIRED_REDIRECT_URI } from "./constants";
import { judgeClientId, validateTenant } from "./rules/identity";
import { classifyRedirect } from "./rules/redirect";
import { secretKind } from "./rules/secret";
import { listOf, trimAll } from "./text";

export type InstantField = "clientId" | "tenant" | "redirectUri" | "secret";
export interface InstantResult {
  status: "pass" | "warn" | "fail";
  message: string;
}

/** null when there is nothing to say yet (an empty field). */
export function instantCheck(field: InstantField, value: string, context: { clientId?: string } = {}): InstantResult | null {
  if (trimAll(value) === "") return null;
  switch (field) {
    case "clientId": {
      const v = judgeClientId(value, "This");
      return { status: v.status, message: v.status === "pass" ? "Looks like a client ID." : `${v.detail}${v.fix ? ` ${v.fix}` : ""}` };
    }
    case "tenant": {
      const v = validateTenant(value);
      if (!v.ok) return { status: "fail", message: `${v.reason} ${v.fix}` };
      return v.whitespace ? { status: "warn", message: "Remove the spaces around it." } : { status: "pass", message: "Looks like a tenant ID or domain." };
    }
    case "redirectUri": {
      const c = classifyRedirect(value, "typed");
      if (c.kind === "exact") return { status: "pass", message: "Exactly the redirect URI Codat uses." };
      if (c.kind === "near") return { status: "fail", message: `Not exactly ${REQUIRED_REDIRECT_URI}: ${listOf(c.notes, 5)}.` };
      return { status: "fail", message: `This is not Codat's redirect URI, which is ${REQUIRED_REDIRECT_URI}.` };
    }
    case "secret": {
      switch (secretKind(value, context.clientId)) {
        case "guid":
          return { status: "fail", message: "This is a GUID: that is the Secret ID. Paste the secret's Value instead (shown once, when the secret is created)." };
        case "client-id":
          return { status: "fail", message: "This is the client ID, not a secret. Paste the secret's Value." };
        case "token":
          return { status: "warn", message: "This looks like an access token, not a client secret." };
        case "value":
          return trimAll(value) !== value
            ? { status: "warn", message: "Looks like a secret value, but has spaces around it." }
            : { status: "pass", message: "Looks like a secret value." };
        case "odd":
          return { status: "warn", message: "This does not look like a current secret value; the full check will tell." };
      }
    }
  }
}
