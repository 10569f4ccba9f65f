// GET /api/ready — 200 when PostgreSQL answers and every migration is applied, else 503 with a reason.
import { appReadiness, readinessResponse } from "@/lib/health/ready";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return readinessResponse(await appReadiness().check());
}
