// POST /api/v1/verify — thin: the handler in lib/api/verify.ts does the work. Other methods get its JSON 405.
import { defaultVerifyDeps, handleVerifyRequest, methodNotAllowed } from "@/lib/api/verify";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleVerifyRequest(request, defaultVerifyDeps);
}

// proxy.ts answers PUT, PATCH and DELETE with the same JSON 405 before they get here; these exports are
// for requests the proxy's matcher skips (prefetch headers).
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
