"use client";
// One static block of a guide's prose (lib/content/static-html.ts): its element with its own props and
// its children as HTML, which comes through the RSC payload with < and > as « and »
// (lib/content/payload-text.ts) and is put back here, on the server and in the browser alike.
import { createElement, type HTMLAttributes } from "react";
import { decodeFromPayload } from "@/lib/content/payload-text";

export function StaticBlock({ as, html, ...props }: { as: string; html: string } & HTMLAttributes<HTMLElement>) {
  return createElement(as, { ...props, dangerouslySetInnerHTML: { __html: decodeFromPayload(html) } });
}
