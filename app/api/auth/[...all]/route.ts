// Better Auth's HTTP endpoints for staff (sign-in, sign-out, session). Sign-up and account changes
// are disabled in lib/auth/auth.ts; staff users are created with `npm run staff:create`.
import { getAuth } from "@/lib/auth";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request) {
  return getAuth().handler(request);
}

export function POST(request: Request) {
  return getAuth().handler(request);
}
