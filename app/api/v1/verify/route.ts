// POST /api/v1/verify — thin: the handler in lib/api/verify.ts does the work. Other methods get its JSON 405.
import { defaultVerifyDeps, handleVerifyRequest, methodNotAllowed } from "@/lib/api/verify";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleVerifyRequest(request, defaultVerifyDeps);
}

// PUT, PATCH and DELETE never get here: proxy.ts answers them with the same JSON 405.
export { methodNotAllowed as GET };
