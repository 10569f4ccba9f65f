// The 404 of an address no route answers (`/wp-admin`, a typo), as one static page built once
// (Next's global-not-found, `experimental.globalNotFound` in next.config.js): the guides' header with
// its search and the guides' 404 content, without rendering anything per request. It is outside the
// layouts, so it brings its own document and stylesheet.
import type { Metadata, Viewport } from "next";
import { Document } from "@/components/document";
import { GuidesNotFound } from "@/components/guides-not-found";
import { SiteHeader } from "@/components/site-header";
import { getSiteNav } from "@/lib/content/nav";
import { SITE_NAME } from "@/lib/content/site";
import { viewport as rootViewport } from "./layout";
import "./globals.css";

export const metadata: Metadata = { title: `Page not found · ${SITE_NAME}`, robots: { index: false } };
export const viewport: Viewport = rootViewport;

export default async function GlobalNotFound() {
  const nav = await getSiteNav();
  return (
    <Document>
      <SiteHeader nav={nav} />
      <GuidesNotFound guides={nav} />
    </Document>
  );
}
