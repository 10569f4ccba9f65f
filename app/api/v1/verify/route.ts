// POST /api/v1/verify — thin: the handler in lib/api/verify.ts does the work. Other methods get its JSON 405.
import { defaultVerifyDeps, handleVerifyRequest, methodNotAllowed } from "@/lib/api/verify";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleVerifyRequest(request, defaultVerifyDeps);
}

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
