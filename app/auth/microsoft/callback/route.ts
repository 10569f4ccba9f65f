// GET /auth/microsoft/callback: Microsoft sends the admin back here (lib/signin/http.ts).
import { handleCallback } from "@/lib/signin/http";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleCallback(request);
}
