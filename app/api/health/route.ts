// GET /api/health — liveness: the process is up and serving. No database (that is /api/ready).
export const dynamic = "force-dynamic";
export function GET() {
  return Response.json({ ok: true, status: "up" }, { headers: { "cache-control": "no-store" } });
}
