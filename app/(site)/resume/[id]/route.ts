// GET /resume/<setup public id>: the resume link. Keeps the setup in this browser (the same cookie
// the first verification set) and opens the guide, where the progress loads. When this browser
// already keeps ANOTHER setup, the cookie is not replaced silently: the visitor is sent to
// /resume/<id>/choose, which shows both and POSTs the choice back here (lib/customer/resume.ts).
import { cookies } from "next/headers";
import { SETUP_COOKIE } from "@/lib/customer/cookie";
import { plainPage, readForm, sameOrigin, seeOther } from "@/lib/customer/http";
import { decideResume, resolveChoice } from "@/lib/customer/resume";
import { GUIDE_PATH } from "@/lib/steps";

export const dynamic = "force-dynamic";

function resumed(id: string): Response {
  const res = seeOther(`${GUIDE_PATH}?resumed=1`, id);
  res.headers.set("referrer-policy", "no-referrer");
  res.headers.set("x-robots-tag", "noindex");
  return res;
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const decision = await decideResume(id, (await cookies()).get(SETUP_COOKIE)?.value);
  if (decision.kind === "not-found") return seeOther("/progress?resume=not-found");
  if (decision.kind === "choose") {
    const res = seeOther(`/resume/${encodeURIComponent(id)}/choose`);
    res.headers.set("referrer-policy", "no-referrer");
    return res;
  }
  // "resume", or the database is down ("unavailable"): keep the link's setup (it is the customer's own
  // link); the guide says honestly that the progress can't be loaded right now.
  return resumed(id);
}

/** The choice made on /resume/<id>/choose: keep this browser's setup, or switch to the link's. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!sameOrigin(request)) return plainPage(403, "Not allowed", "This form can only be sent from this site.");
  const form = await readForm(request, 4096);
  if (form === "too-large" || form === "bad") return plainPage(400, "Could not read the form", "Open the resume link again.");
  const choice = resolveChoice(id, (await cookies()).get(SETUP_COOKIE)?.value, form);
  if ("error" in choice) return plainPage(409, "Choose again", choice.error);
  return resumed(choice.keep);
}
