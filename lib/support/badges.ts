// The support console's badge classes (styled by `.badge` and its tones in app/globals.css), for the
// badge components (components/support/badges.tsx) and the list's rows, which are built as an HTML
// string (lib/support/setups-rows-html.ts): one definition for both.
import type { SetupStatus } from "../steps";

/** A setup's status badge: `badge` and its tone. */
export function setupStatusBadgeClass(status: SetupStatus): string {
  return `badge s-${status}`;
}

/** The "Stuck" badge, with its warning icon drawn by CSS (`.badge.i-warn::before`). */
export const STUCK_BADGE_CLASS = "badge stuck i-warn";
