// The offline search index, built once at build time and served as a static file.
import { buildSearchIndex } from "@/lib/content/search";

export const dynamic = "force-static";

export async function GET() {
  const index = await buildSearchIndex();
  return Response.json(index.toJSON(), { headers: { "Cache-Control": "public, max-age=0, must-revalidate" } });
}
