// POST /api/v1/verify — thin: the handler in lib/api/verify.ts does the work.
import { defaultVerifyDeps, handleVerifyRequest } from "@/lib/api/verify";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleVerifyRequest(request, defaultVerifyDeps);
}
