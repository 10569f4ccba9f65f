"use server";
// Server actions of the "Sign in with Microsoft to check" panel: is it configured here, the client ID
// we remember for this setup, and the result of a signed-in run (only the viewer's own setup's).
import { cookies } from "next/headers";
import { SETUP_COOKIE, isPublicId } from "@/lib/customer/cookie";
import { getRun, getSetup } from "@/lib/progress";
import { signInConfig } from "@/lib/signin/http";
import type { Report } from "@/lib/verify";

export interface SignInPanelState {
  configured: boolean;
  /** What the operator must set when not configured. */
  missing?: string;
  clientId?: string;
  /** The signed-in run named in the URL, if it belongs to this browser's setup. */
  run?: { report: Report; reportUrl: string } | null;
}

export async function signInPanelState(runPublicId: string | null): Promise<SignInPanelState> {
  const cfg = signInConfig();
  const setupId = (await cookies()).get(SETUP_COOKIE)?.value;
  const out: SignInPanelState = cfg.ok ? { configured: true } : { configured: false, missing: cfg.missing };
  try {
    if (isPublicId(setupId)) {
      const setup = await getSetup(setupId);
      if (setup?.clientId) out.clientId = setup.clientId;
    }
    if (runPublicId && isPublicId(runPublicId) && isPublicId(setupId)) {
      const run = await getRun(runPublicId);
      out.run = run && run.setupPublicId === setupId && run.source === "signed_in" ? { report: run.report, reportUrl: `/reports/${run.publicId}` } : null;
    }
  } catch {
    // Database down: the button still works; the result page says "not saved" if it must.
  }
  return out;
}
