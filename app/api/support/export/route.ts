import { handleExport } from "@/lib/support/export-handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request) {
  return handleExport(request);
}
