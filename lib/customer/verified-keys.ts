// Which keys a customer has verified, for the "Add the keys to the Codat Portal" step. Client-safe (the
// confirmation component runs it in the browser too). The setup remembers the last client ID and secret
// hint entered whatever their result: only a verified step's keys are worth repeating in the portal —
// a refused secret (the Secret ID pasted for the Value, say) must never be shown as the one to enter.
import type { ProgressView } from "./view";

export interface VerifiedKeys {
  /** The client ID, once the registration or the secret (a token with it) is verified. */
  clientId: string | null;
  /** The secret's first three characters, once the secret step is verified. */
  secretHint: string | null;
  /** Keys were entered but none is verified yet. */
  unverified: boolean;
}

export function verifiedKeys(p: Pick<ProgressView, "clientId" | "secretHint" | "steps">): VerifiedKeys {
  const secretOk = p.steps["client-secret"]?.status === "verified";
  const idOk = secretOk || p.steps["register-application"]?.status === "verified";
  const clientId = idOk ? p.clientId : null;
  const secretHint = secretOk ? p.secretHint : null;
  return { clientId, secretHint, unverified: !clientId && !secretHint && !!(p.clientId || p.secretHint) };
}
