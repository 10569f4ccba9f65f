// "Sign in with Microsoft to check": every way it ends, as a short code in the URL (never free text
// from a request) and the sentence the page shows for it. Shared by the server and the panel.
export const SIGN_IN_OUTCOMES = {
  cancelled: "You cancelled the sign-in with Microsoft: nothing was read. Sign in again when you're ready.",
  "consent-not-allowed":
    "Your account may not approve our read-only checker for your organisation (Microsoft answered that an administrator's consent is required). Ask a Global Administrator or Cloud Application Administrator to sign in, or to approve the request.",
  "personal-account":
    "That is a personal Microsoft account. Sign in with the work account of the Microsoft Entra tenant where you registered the app (an administrator of it).",
  "wrong-tenant":
    "That account belongs to another organisation than the one Microsoft expected. Sign in with an administrator account of the tenant where you registered the app.",
  "no-role":
    "You signed in, but Microsoft Graph would not show your app registrations to that account: it needs a directory role that can read applications (Application Administrator, Cloud Application Administrator, Application Developer or Global Reader). Ask someone with one of these roles to sign in.",
  "code-used": "That sign-in had already been used or had expired. Start again with the button.",
  state: "That sign-in did not start here (or was already used), so we refused it. Start again with the button on this page.",
  expired: "That sign-in took too long (more than 10 minutes). Start again with the button.",
  unreachable: "Could not reach Microsoft to finish the check. This says nothing about your setup: try again in a minute.",
  "bad-response":
    "Microsoft Graph gave an answer we could not read, so the check did not finish. This says nothing about your setup: try again in a minute; if it persists, send the time of the attempt to support.",
  "token-rejected": "Microsoft Graph did not accept the sign-in (it may have expired on the way). This says nothing about your setup: sign in again with the button.",
  "microsoft-error": "Microsoft refused the sign-in for a reason we don't recognise. Try again; if it persists, send the time of the attempt to support.",
  "not-configured": "Sign in with Microsoft is not set up on this site.",
  "no-client-id": "Enter your app's Application (client) ID first: it is what we look up.",
  "not-saved": "The check ran, but we could not save it to your progress. Try again in a minute.",
  "rate-limited": "Too many setups were started from your network in the last hour, so this check was not started. Try again later.",
} as const;

export type SignInOutcome = keyof typeof SIGN_IN_OUTCOMES;

export function isSignInOutcome(v: unknown): v is SignInOutcome {
  return typeof v === "string" && Object.prototype.hasOwnProperty.call(SIGN_IN_OUTCOMES, v);
}

/** Query parameters the callback sends the customer back with. */
export const SIGN_IN_PARAM = "signin";
export const SIGN_IN_RUN_PARAM = "run";
