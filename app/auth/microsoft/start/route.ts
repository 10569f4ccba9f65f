// POST /auth/microsoft/start: "Sign in with Microsoft to check" (lib/signin/http.ts).
import { handleStart } from "@/lib/signin/http";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleStart(request);
}
