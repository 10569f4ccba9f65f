// What Microsoft's sign-in error codes mean for a customer setting up the Business Central app,
// in plain words, with the fix (entra-docs reference-error-codes.md; facts file table).
import { BC_NOT_IN_TENANT_FIX, EXPIRED_FIRST } from "./constants";
import type { Status } from "./report";

export interface AadstsExplanation {
  status: Exclude<Status, "pass" | "skip">;
  meaning: string;
  fix: string;
  /**
   * "ids": the refusal is about the client ID or the tenant (copied from the app's Overview page, the
   * registration step), not the secret: it says nothing about the secret, and its link goes to that step.
   */
  about?: "ids";
}

interface Context {
  tenant: string;
  clientId: string;
  /** The secret given looks like a GUID (a Secret ID). */
  secretIsGuid: boolean;
}

const NEW_SECRET =
  "In the app's Certificates & secrets page, create a new client secret and copy its Value at once (it is shown only once), then enter it here and in the Codat Portal.";

export const AADSTS: Record<number, (c: Context) => AadstsExplanation> = {
  700016: (c) => ({
    status: "fail",
    meaning: `Microsoft found no app with the client ID ${c.clientId} in the tenant ${c.tenant}: the client ID is wrong, the tenant is not the one where the app is registered, or the app is single-tenant and registered elsewhere.`,
    fix: "On the app's Overview page in the Azure portal, copy the Application (client) ID and the Directory (tenant) ID, and use those two values together.",
    about: "ids",
  }),
  7000215: (c) => ({
    status: "fail",
    meaning: c.secretIsGuid
      ? "Microsoft rejected the secret: what was sent is a Secret ID (a GUID), not the secret's Value."
      : "Microsoft rejected the secret: it is not a current secret of this app (a typo, a secret of another app, a deleted secret, or the Secret ID instead of the Value).",
    fix: `Copy the Value column of the secret, not the Secret ID. If you no longer have the Value: ${NEW_SECRET}`,
  }),
  7000222: () => ({
    status: "fail",
    meaning: "Microsoft says the client secret has expired.",
    fix: `${EXPIRED_FIRST} Then: ${NEW_SECRET}`,
  }),
  7000218: () => ({
    status: "fail",
    meaning: "Microsoft received no client secret.",
    fix: "Enter the secret's Value.",
  }),
  90002: (c) => ({
    status: "fail",
    meaning: `Microsoft does not know the tenant ${c.tenant}: the tenant ID or domain is wrong.`,
    fix: "On the app's Overview page, copy the Directory (tenant) ID (a GUID) and use it as the tenant.",
    about: "ids",
  }),
  900023: (c) => ({
    status: "fail",
    meaning: `Microsoft says ${c.tenant} is neither a valid tenant ID nor a valid tenant domain.`,
    fix: "On the app's Overview page, copy the Directory (tenant) ID (a GUID) and use it as the tenant.",
    about: "ids",
  }),
  500011: (c) => ({
    status: "warn",
    meaning: `Dynamics 365 Business Central is not set up in the tenant ${c.tenant} (Microsoft found no Business Central service there).`,
    fix: `${BC_NOT_IN_TENANT_FIX} The app's credentials themselves can still be right.`,
  }),
  65001: () => ({
    status: "warn",
    meaning: "Microsoft accepted the app but says consent is missing.",
    fix: 'In the app\'s API permissions page select "Grant admin consent for …" (as an administrator), or use the admin-consent link below.',
  }),
  7000112: () => ({
    status: "fail",
    meaning: "Microsoft says the application is disabled.",
    fix: "Ask an administrator to enable it: Enterprise applications → your app → Properties → Enabled for users to sign-in? → Yes. If Microsoft disabled it, the app's Overview page says why.",
  }),
  1002012: () => ({
    status: "error",
    meaning: "Microsoft refused the scope this checker asked for (client-credentials scopes must end in /.default). This is a problem on our side, not in your setup.",
    fix: "Try again later; if it persists, tell us.",
  }),
  // Codes outside the facts file's table that are still verdicts on the customer's tenant or app, not
  // "could not check" (entra-docs reference-error-codes.md).
  53003: () => ({
    status: "fail",
    meaning: "Microsoft blocked the sign-in: a Conditional Access policy of the tenant applies to this app (AADSTS53003, BlockedByConditionalAccess).",
    fix: "Ask an administrator of the tenant to look at the sign-in in Entra ID → Sign-in logs (service principal sign-ins) and allow this app in the Conditional Access policy that blocked it.",
  }),
  7000229: () => ({
    status: "fail",
    meaning: "Microsoft found the app registration but no enterprise application (service principal) for it in the tenant (AADSTS7000229), so nothing can sign in as it.",
    fix: "On the app's Overview page, follow the link under \"Managed application in local directory\" to create it (or ask an administrator to); then try again.",
  }),
};

/** Explains an AADSTS code; unknown codes get an honest generic explanation. */
export function explainAadsts(code: number | undefined, error: string | undefined, c: Context): AadstsExplanation {
  const known = code !== undefined ? AADSTS[code] : undefined;
  if (known) return known(c);
  if (error === "invalid_client" || error === "unauthorized_client") {
    return {
      status: "fail",
      meaning: "Microsoft refused the client ID or secret.",
      fix: "Check the Application (client) ID and the secret's Value on the app's pages in the Azure portal.",
    };
  }
  if (error === "invalid_tenant") {
    return { status: "fail", meaning: "Microsoft does not know this tenant.", fix: "Use the Directory (tenant) ID from the app's Overview page." };
  }
  if (error === "access_denied") {
    // A refusal by the tenant (a policy, a blocked app): a verdict, not a failure to check.
    return {
      status: "fail",
      meaning: "Microsoft refused the sign-in for this app (access denied): a policy of the tenant blocks it.",
      fix: "Ask an administrator of the tenant to look at the sign-in in Entra ID → Sign-in logs (service principal sign-ins), which names the policy, and allow the app.",
      };
  }
  return {
    status: "error",
    meaning: "Microsoft answered with an error this checker does not know.",
    fix: "Try again; if it persists, send this report to support.",
  };
}
