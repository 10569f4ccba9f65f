// The guides' friendly 404 content: what happened, the guides and their pages, the way home. Used
// inside the guides' frame (app/(site)/not-found.tsx) and by the static 404 of addresses no route
// answers (app/global-not-found.tsx). Styled by `.not-found` in app/globals.css: no class on its
// elements (every page in the guides' frame carries it in its payload as the not-found fallback).
import Link from "next/link";
import type { NavGuide } from "@/lib/content/nav";

export function GuidesNotFound({ guides }: { guides: NavGuide[] }) {
  return (
    <main id="main-content" tabIndex={-1} className="not-found">
      <p>404</p>
      <h1>We couldn&rsquo;t find that page</h1>
      <p>
        The link may be old, or the address mistyped. Press <kbd>/</kbd> to search the guides, or pick one below.
      </p>
      <ul>
        {guides.map((g) => (
          <li key={g.slug}>
            <p>{g.title}</p>
            <ul>
              {g.pages.map((p) => (
                <li key={p.url}>
                  <Link href={p.url}>{p.label}</Link>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/">← Back to the home page</Link>
      </p>
    </main>
  );
}
