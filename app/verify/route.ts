// POST /verify: the "Verify my setup" panels without JavaScript. Runs the same use-case as the server
// action, then answers 303 → /reports/<id> (saved) or → /reports/unsaved?t=… (not saved, or invalid
// input), where the same results list shows. Sets the progress cookie when a setup was created.
import { cookies, headers } from "next/headers";
import { SETUP_COOKIE } from "@/lib/customer/cookie";
import { plainPage, readForm, sameOrigin, seeOther } from "@/lib/customer/http";
import { isVerifiable } from "@/lib/steps";
import { encodeUnsaved } from "@/lib/customer/unsaved";
import { beginVerification, verifyDeps } from "@/lib/customer/verify";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return plainPage(403, "Not allowed", "This form can only be sent from this site.");
  const form = await readForm(request);
  if (form === "too-large") return plainPage(413, "Too large", "What you pasted is larger than 640 KB. An app manifest is much smaller: copy it again from the portal.");
  if (form === "bad") return plainPage(400, "Could not read the form", "Go back to the guide and send the form again.");
  const stepField = form.get("step");
  const step = typeof stepField === "string" && isVerifiable(stepField) ? stepField : "register-application";
  const jar = await cookies();
  const incoming = await headers();
  // A new setup is limited per client, charged once the input is valid (verifyDeps' chargeSetupCreation).
  const begun = await beginVerification(form, jar.get(SETUP_COOKIE)?.value, verifyDeps(incoming));
  if (!begun.ok && begun.error.code === "rate_limited") {
    const res = plainPage(429, "Too many new setups", begun.error.message);
    res.headers.set("retry-after", String(begun.retryAfterSeconds ?? 3600));
    return res;
  }
  if (!begun.ok) {
    return seeOther(`/reports/unsaved?t=${encodeUnsaved({ kind: "invalid", step, error: begun.error, at: Date.now() })}`);
  }
  const result = await begun.finish();
  const cookie = begun.setupCreated && begun.setupPublicId ? begun.setupPublicId : undefined;
  if (result.saved.ok) return seeOther(`${result.saved.reportUrl}?from=${step}#summary`, cookie);
  return seeOther(`/reports/unsaved?t=${encodeUnsaved({ kind: "report", step, report: result.report, message: result.saved.message, at: Date.now() })}#summary`, cookie);
}
