// The guides' frame: the site header (menu, search, theme toggle) above every guide page, the home
// page, the progress and report pages and the guides' 404; the copy/anchor actions of the prose.
// The support console has its own frame (app/support/layout.tsx).
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ProseActions } from "@/components/prose-actions";
import { SiteHeader } from "@/components/site-header";
import { getSiteNav } from "@/lib/content/nav";
import { SITE_DESCRIPTION, SITE_NAME } from "@/lib/content/site";

export const metadata: Metadata = {
  description: SITE_DESCRIPTION,
  openGraph: { siteName: SITE_NAME, type: "website", locale: "en_GB", title: SITE_NAME, description: SITE_DESCRIPTION, url: "/" },
  twitter: { card: "summary", title: SITE_NAME, description: SITE_DESCRIPTION },
};

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const nav = await getSiteNav();
  return (
    <>
      <SiteHeader nav={nav} />
      {children}
      <ProseActions />
    </>
  );
}
