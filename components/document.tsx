// The document every page is in: <html>, <body> and the skip link to #main-content. The root layout
// (app/layout.tsx) and the static 404, which is outside the layouts (app/global-not-found.tsx), both
// render it. The body's colours and the skip link's look are in app/globals.css (`body`, `.skip-link`).
import type { ReactNode } from "react";

export function Document({ children }: { children: ReactNode }) {
  return (
    // next-themes sets the theme's class on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <body>
        <a href="#main-content" className="skip-link">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
