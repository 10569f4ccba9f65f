import type { MetadataRoute } from "next";
import { config } from "@/lib/config";
import { listGuides } from "@/lib/content/guides";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = config().SITE_URL.replace(/\/$/, "");
  const guides = await listGuides();
  const pages = guides.flatMap((g) => g.pages);
  const newest = pages.map((p) => p.frontmatter.updatedAt).sort().at(-1);
  return [
    { url: `${base}/`, lastModified: newest, changeFrequency: "monthly", priority: 1 },
    ...pages.map((p) => ({ url: `${base}${p.url}`, lastModified: p.frontmatter.updatedAt, changeFrequency: "monthly" as const, priority: 0.8 })),
    { url: `${base}/docs/api`, changeFrequency: "monthly", priority: 0.5 },
  ];
}
