// POST /progress/track | /progress/confirm | /progress/start: the progress forms without JavaScript.
// Same use-cases as the server actions; answers 303 → /progress (which shows the result).
import { cookies, headers } from "next/headers";
import { SETUP_COOKIE } from "@/lib/customer/cookie";
import { guardSetupCreation, tooManySetupsMessage } from "@/lib/customer/creation-limit";
import { plainPage, readForm, sameOrigin, seeOther } from "@/lib/customer/http";
import { confirmCustomerStep, startCustomerStep, trackProgress, type ActionResult } from "@/lib/customer/progress";
import { formFlag, formText as text } from "@/lib/http/form";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ action: string }> }): Promise<Response> {
  const { action } = await params;
  if (!["track", "confirm", "start"].includes(action)) return plainPage(404, "Not found", "There is no such form.");
  if (!sameOrigin(request)) return plainPage(403, "Not allowed", "This form can only be sent from this site.");
  const form = await readForm(request, 16 * 1024);
  if (typeof form === "string") return plainPage(400, "Could not read the form", "Go back and send the form again.");
  const current = (await cookies()).get(SETUP_COOKIE)?.value;
  const limited = await guardSetupCreation(current, await headers());
  if (!limited.allowed) {
    const res = plainPage(429, "Too many new setups", tooManySetupsMessage(limited.retryAfterSeconds), "/progress");
    res.headers.set("retry-after", String(limited.retryAfterSeconds));
    return res;
  }
  const step = text(form, "step") ?? "";
  let result: ActionResult;
  if (action === "track") result = await trackProgress(current, { companyName: text(form, "companyName"), contactEmail: text(form, "contactEmail") });
  else if (action === "confirm") result = await confirmCustomerStep(current, step, formFlag(form, "confirmed"));
  else result = await startCustomerStep(current, step);
  const cookie = result.ok && result.created ? result.progress.publicId : undefined;
  if (!result.ok) {
    const reason = result.field === "contactEmail" ? "email" : "not-saved";
    return seeOther(`/progress?error=${reason}${step ? `#${encodeURIComponent(step)}` : ""}`, cookie);
  }
  return seeOther(`/progress?saved=${action}${step ? `#${encodeURIComponent(step)}` : ""}`, cookie);
}
