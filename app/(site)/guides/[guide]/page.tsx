// /guides/<guide> → its first page.
import { permanentRedirect } from "next/navigation";
import { notFound } from "next/navigation";
import { listGuides } from "@/lib/content/guides";

export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listGuides()).map((g) => ({ guide: g.slug }));
}

export default async function GuideIndex({ params }: { params: Promise<{ guide: string }> }) {
  const { guide } = await params;
  const first = (await listGuides()).find((g) => g.slug === guide)?.pages[0];
  if (!first) notFound();
  permanentRedirect(first.url);
}
