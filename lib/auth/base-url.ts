import "server-only";
import { config } from "../config";

/** The origin staff sign-in is served from: BETTER_AUTH_URL, else SITE_URL. */
export function authBaseURL(): string {
  const cfg = config();
  return new URL(cfg.BETTER_AUTH_URL ?? cfg.SITE_URL).origin;
}
