// /resume/<id>/choose: this browser already keeps another setup than the resume link's. Shows both
// (nothing secret) and lets the visitor keep one; the form POSTs to /resume/<id> (works without
// JavaScript, same-origin checked, and carries this browser's own setup id as its CSRF token).
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SETUP_COOKIE } from "@/lib/customer/cookie";
import { decideResume, summariseSetup, type SetupSummary } from "@/lib/customer/resume";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Which setup do you want to keep?", robots: { index: false, follow: false }, referrer: "no-referrer" };

function day(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

function Summary({ s, id }: { s: SetupSummary; id: string }) {
  return (
    <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" id={id}>
      <dt className="text-zinc-600 dark:text-zinc-400">Company</dt>
      <dd className="font-medium [overflow-wrap:anywhere]">{s.company}</dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Contact</dt>
      <dd className="[overflow-wrap:anywhere]">{s.contactEmail ?? "—"}</dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Current step</dt>
      <dd>{s.currentStep}</dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Progress</dt>
      <dd>
        {s.done} of {s.total} steps done
      </dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Started</dt>
      <dd>{day(s.startedAt)}</dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Last activity</dt>
      <dd>{day(s.lastActivityAt)}</dd>
    </dl>
  );
}

export default async function ChooseSetupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const cookieId = (await cookies()).get(SETUP_COOKIE)?.value;
  const decision = await decideResume(id, cookieId);
  if (decision.kind !== "choose" || !cookieId) redirect(`/resume/${encodeURIComponent(id)}`);
  const current = summariseSetup(decision.current);
  const linked = summariseSetup(decision.linked);
  const button =
    "mt-4 inline-flex rounded-md px-4 py-2 text-sm font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-600 focus-visible:ring-offset-2";
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-10 outline-none">
      <h1 className="text-2xl font-semibold tracking-tight">This browser already keeps another setup</h1>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        The link you opened belongs to a different setup than the one this browser remembers. Choose which one to keep here; the
        other one is not deleted, and its own resume link still opens it.
      </p>
      <form method="post" action={`/resume/${encodeURIComponent(id)}`} className="mt-6 grid gap-4 md:grid-cols-2">
        <input type="hidden" name="current" value={cookieId} />
        <section aria-labelledby="linked-h" className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
          <h2 id="linked-h" className="font-semibold">
            The setup of the link you opened
          </h2>
          <Summary s={linked} id="linked-summary" />
          <button type="submit" name="keep" value="link" aria-describedby="linked-summary" className={`${button} bg-violet-700 text-white hover:bg-violet-800`}>
            Switch to the link&rsquo;s setup
          </button>
        </section>
        <section aria-labelledby="current-h" className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
          <h2 id="current-h" className="font-semibold">
            The setup this browser keeps now
          </h2>
          <Summary s={current} id="current-summary" />
          <button
            type="submit"
            name="keep"
            value="current"
            aria-describedby="current-summary"
            className={`${button} border border-zinc-300 text-zinc-900 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-900`}
          >
            Keep this browser&rsquo;s setup
          </button>
        </section>
      </form>
    </main>
  );
}
