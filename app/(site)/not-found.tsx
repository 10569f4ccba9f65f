// The guides' 404 (in their frame, with the header's search): say what happened, offer the guides.
// Any address no route answers comes here through app/(site)/[...missing].
import Link from "next/link";
import { getSiteNav } from "@/lib/content/nav";

export const metadata = { title: "Page not found" };

export default async function NotFound() {
  // Read once per process (lib/content/nav.ts): this page is also rendered into the payload of every
  // dynamic page in the guides' frame as its not-found fallback.
  const guides = await getSiteNav();
  // Styled by `.not-found` in app/globals.css: no class on its elements (see there why).
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
