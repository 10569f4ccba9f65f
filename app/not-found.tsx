// The last-resort 404, inside the bare document: addresses no route answers get the static
// app/global-not-found.tsx, the guides' pages app/(site)/not-found.tsx, the console its own
// (app/support/not-found.tsx). Next renders this page
// into every page's payload (the guide page's too) as the root's not-found fallback: it stays tiny.
import Link from "next/link";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main id="main-content" className="mx-auto max-w-2xl px-4 py-20">
      <h1 className="text-3xl font-bold">We couldn&rsquo;t find that page</h1>
      <p className="mt-4">
        <Link href="/" className="underline">
          The setup guides
        </Link>
      </p>
    </main>
  );
}
