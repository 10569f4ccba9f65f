// The guides' 404 inside their frame (header, search): a guide, report or resume link that does not
// exist. Addresses no route answers get the same content from the static app/global-not-found.tsx.
import { GuidesNotFound } from "@/components/guides-not-found";
import { getSiteNav } from "@/lib/content/nav";

export const metadata = { title: "Page not found" };

export default async function NotFound() {
  // Read once per process (lib/content/nav.ts): this page is also rendered into the payload of every
  // dynamic page in the guides' frame as its not-found fallback.
  return <GuidesNotFound guides={await getSiteNav()} />;
}
