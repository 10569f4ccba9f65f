// The HTML of a guide's static blocks as it travels in the RSC payload (lib/content/static-html.ts,
// components/static-block.tsx); no imports, as the browser's bundle has it too.
//
// Next writes the payload into inline scripts with < and > as \u003c and \u003e (6 bytes each). A
// block's HTML travels with them as « and » (2 bytes each) and is put back in the browser
// (components/static-block.tsx); a « or » of the guide's own is written as a character reference first.

export function encodeForPayload(html: string): string {
  let out = "";
  for (const ch of html) out += ch === "<" ? "«" : ch === ">" ? "»" : ch === "«" ? "&#171;" : ch === "»" ? "&#187;" : ch;
  return out;
}

export function decodeFromPayload(text: string): string {
  return text.replaceAll("«", "<").replaceAll("»", ">");
}
