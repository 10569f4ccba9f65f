import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Document } from "@/components/document";
import { config } from "@/lib/config";
import { SITE_NAME } from "@/lib/content/site";
import "./globals.css";

// What every page has; the guides' description and sharing cards are in app/(site)/layout.tsx (the
// console is not indexed or shared, and would render them on every request).
export const metadata: Metadata = {
  metadataBase: new URL(config().SITE_URL),
  title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
  applicationName: SITE_NAME,
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

// The document and what every page shares (skip link, stylesheet, metadata). The frames are one level
// down: the guides' header in app/(site)/layout.tsx, the console's bar in app/support/layout.tsx, so a
// console page does not render (and ship in its payload) the guides' header, search and menu.
export default function RootLayout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}
