// /progress: the customer's progress on its own page (server-rendered, so it works without
// JavaScript): every step's status, the resume link, company details, and the confirmations.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { GuideBreadcrumb } from "@/components/guide-breadcrumb";
import { ConfirmStep, ExtensionInstall, VerifiedKeys } from "@/components/verify/confirm-step";
import { MicrosoftSignIn } from "@/components/verify/microsoft-sign-in";
import { ProgressList } from "@/components/verify/progress-list";
import { ResumeLink } from "@/components/verify/resume-link";
import { TrackProgressForm } from "@/components/verify/track-progress";
import { SETUP_COOKIE } from "@/lib/customer/cookie";
import { loadCustomerProgress } from "@/lib/customer/progress";
import { GUIDE_PATH, STEPS, isDone } from "@/lib/steps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your setup progress", robots: { index: false, follow: false }, referrer: "no-referrer" };

const MESSAGES: Record<string, { kind: "ok" | "error"; text: string }> = {
  "saved:track": { kind: "ok", text: "Saved. Your progress is now tracked in this browser." },
  "saved:confirm": { kind: "ok", text: "Saved." },
  "saved:start": { kind: "ok", text: "Saved: the install timer is running." },
  "error:not-saved": { kind: "error", text: "That was not saved: our database is unreachable right now. Try again in a minute." },
  "error:email": { kind: "error", text: "Enter an email address like name@example.com, or leave it empty." },
  "resume:not-found": { kind: "error", text: "That resume link doesn't match any saved progress. Check that you copied the whole link." },
};

export default async function ProgressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const key = (["saved", "error", "resume"] as const).map((k) => (typeof sp[k] === "string" ? `${k}:${sp[k]}` : "")).find((k) => k && MESSAGES[k]);
  const message = key ? MESSAGES[key] : undefined;
  const load = await loadCustomerProgress((await cookies()).get(SETUP_COOKIE)?.value);
  const progress = load.state === "ok" ? load.progress : null;
  const done = progress ? STEPS.filter((s) => isDone(progress.steps[s].status)).length : 0;
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-10 outline-none">
      <GuideBreadcrumb here="Your progress" />
      <h1 className="text-3xl font-bold tracking-tight text-zinc-950 dark:text-white">Your setup progress</h1>
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={`mt-4 rounded-md border px-3 py-2 text-sm ${message.kind === "error" ? "border-red-300 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950/60 dark:text-red-200" : "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950/60 dark:text-emerald-200"}`}>
          {message.text}
        </p>
      )}
      {load.state === "unavailable" && (
        <p role="alert" className="mt-4 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/50 dark:text-amber-100">
          {load.message}
        </p>
      )}
      {progress ? (
        <>
          <p className="mt-2 text-zinc-700 dark:text-zinc-300">
            {done} of {STEPS.length} steps done.{progress.companyName ? ` Company: ${progress.companyName}.` : ""}
          </p>
          <div className="mt-6">
            <ProgressList progress={progress} />
          </div>
          <section aria-labelledby="confirm-heading" className="mt-10">
            <h2 id="confirm-heading" className="text-xl font-bold">
              Steps you confirm yourself
            </h2>
            <ConfirmStep step="prerequisites" label="I have everything the guide lists" initial={progress} />
            <ConfirmStep step="add-keys-to-portal" label="I've entered the client ID and secret in the Codat Portal" initial={progress}>
              <VerifiedKeys initial={progress} />
            </ConfirmStep>
            <ConfirmStep step="enable-integration" label="The integration is switched on in the Codat Portal" initial={progress} />
            <ExtensionInstall initial={progress} />
          </section>
          <section aria-labelledby="resume-heading" className="mt-10 space-y-4">
            <h2 id="resume-heading" className="text-xl font-bold">
              Keep it
            </h2>
            <ResumeLink url={progress.resumeUrl} id="progress-resume" />
            <TrackProgressForm initial={{ companyName: progress.companyName, contactEmail: progress.contactEmail }} />
          </section>
        </>
      ) : load.state === "none" ? (
        <div className="mt-6">
          <p className="mb-4 text-zinc-700 dark:text-zinc-300">Nothing tracked in this browser yet. Your first verification in the guide starts tracking; or start now:</p>
          <TrackProgressForm />
        </div>
      ) : null}
      <MicrosoftSignIn returnTo="/progress" />
      <p className="mt-10">
        <Link href={GUIDE_PATH} className="font-semibold text-violet-700 underline underline-offset-2 dark:text-violet-300">
          ← Back to the guide
        </Link>
      </p>
    </main>
  );
}
