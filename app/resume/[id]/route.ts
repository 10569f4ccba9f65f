// GET /resume/<setup public id>: the resume link. Keeps the setup in this browser (the same cookie
// the first verification set) and opens the guide, where the progress loads.
import { customerStore } from "@/lib/customer/deps";
import { isPublicId } from "@/lib/customer/cookie";
import { seeOther } from "@/lib/customer/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!isPublicId(id)) return seeOther("/progress?resume=not-found");
  try {
    const setup = await customerStore().findSetup(id);
    if (!setup) return seeOther("/progress?resume=not-found");
  } catch {
    // The database is down: keep the link's setup anyway (it is the customer's own link); the guide
    // says honestly that the progress can't be loaded right now.
  }
  const res = seeOther("/guides/dynamics365-business-central/setup?resumed=1", id);
  res.headers.set("referrer-policy", "no-referrer");
  res.headers.set("x-robots-tag", "noindex");
  return res;
}
