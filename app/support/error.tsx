"use client";
// A console page that failed to render, in the console's frame (its bar and navigation stay), worded
// for staff: what happened, what to try, and the reference to look up in the server log (Next's
// digest, logged with the request id by instrumentation.ts). Never the error's message or stack: in
// production Next sends neither, and in development they would be there for anyone looking over a
// shoulder. A database that does not answer is not this page: the console's pages say so themselves.
import Link from "next/link";

export default function SupportErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-2xl py-10">
      <h1 className="text-2xl font-semibold tracking-tight">This console page could not be shown</h1>
      <p className="mt-3 text-zinc-700 dark:text-zinc-300">
        The server failed while building it. Nothing was changed. Try again; if it keeps failing, pass the reference below to whoever runs
        the site: the server log has the error under it.
      </p>
      {error.digest ? (
        <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
          Reference: <code data-error-reference>{error.digest}</code>
        </p>
      ) : null}
      <div className="mt-6 flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-violet-700 px-4 py-2 text-sm font-semibold text-white hover:bg-violet-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 focus-visible:ring-offset-2"
        >
          Try again
        </button>
        <Link
          href="/support"
          className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800"
        >
          All setups
        </Link>
      </div>
    </div>
  );
}
