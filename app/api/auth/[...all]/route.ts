// Better Auth's HTTP endpoints for staff (sign-in, sign-out, session), through lib/auth/http.ts: the
// real client address, the per-account lockout and the audit row of every sign-in attempt. Sign-up
// and account changes are disabled in lib/auth/auth.ts; staff users are created with `npm run staff:create`.
import { getAuth } from "@/lib/auth";
import { handleAuthRequest } from "@/lib/auth/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request) {
  return handleAuthRequest(getAuth(), request);
}

export function POST(request: Request) {
  return handleAuthRequest(getAuth(), request);
}
