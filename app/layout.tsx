import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ProseActions } from "@/components/prose-actions";
import { SiteHeader } from "@/components/site-header";
import { ThemeProvider } from "@/components/theme-provider";
import { config } from "@/lib/config";
import { getSiteNav } from "@/lib/content/nav";
import { SITE_DESCRIPTION, SITE_NAME } from "@/lib/content/site";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(config().SITE_URL),
  title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
  description: SITE_DESCRIPTION,
  applicationName: SITE_NAME,
  openGraph: { siteName: SITE_NAME, type: "website", locale: "en_GB", title: SITE_NAME, description: SITE_DESCRIPTION, url: "/" },
  twitter: { card: "summary", title: SITE_NAME, description: SITE_DESCRIPTION },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nav = await getSiteNav();
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main-content"
          className="skip-link sr-only z-50 rounded-md bg-violet-700 px-4 py-2 text-sm font-semibold text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        {/* The theme's context wraps the header (its toggle) only: a theme change must not reach the
            guide page's lazily hydrated parts (components/verify/lazy.tsx), which an update before
            they hydrate would make React render anew. The no-flash script still runs before the page. */}
        <ThemeProvider>
          <SiteHeader nav={nav} />
        </ThemeProvider>
        {children}
        <ProseActions />
      </body>
    </html>
  );
}
