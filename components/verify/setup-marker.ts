import "client-only";
// The script-readable companion of the httpOnly setup cookie (lib/customer/cookie.ts: SETUP_MARKER_COOKIE).
// The name is repeated here because that module is server-only; tests/unit hold the two equal.
export const SETUP_MARKER_COOKIE_NAME = "bc_has_setup";

/** True when this browser has a setup (the server set the marker beside the setup cookie). */
export function hasSetupMarker(): boolean {
  if (typeof document === "undefined") return false;
  return document.cookie.split(";").some((c) => c.trim().startsWith(`${SETUP_MARKER_COOKIE_NAME}=`));
}
