"use client";
// Something went wrong while rendering a page: an honest message, a way to try again, and the
// reference support can look up (Next's digest, logged with the request id by instrumentation.ts).
import Link from "next/link";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main-content" className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="text-2xl font-bold text-zinc-950 dark:text-white">Something went wrong on our side</h1>
      <p className="mt-3 text-zinc-700 dark:text-zinc-300">
        The page could not be shown. Nothing you saved is lost. Try again in a moment; if it keeps happening, tell Codat support the reference below.
      </p>
      {error.digest && (
        <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
          Reference: <code data-error-reference>{error.digest}</code>
        </p>
      )}
      <div className="mt-6 flex gap-3">
        <button type="button" onClick={reset} className="rounded-md bg-violet-700 px-4 py-2 text-sm font-semibold text-white hover:bg-violet-800">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800">
          Home
        </Link>
      </div>
    </main>
  );
}
