// <Figure illustration="register-application" caption="…" /> — one of our own sketches, shown from its
// static SVG file (public/illustrations/, see components/illustrations/svg-file.tsx): not drawn into the
// page, so it is neither in the HTML nor in the RSC payload. Two files, one per theme; the other theme's
// <img> is display:none, and being lazy it is not even fetched.
//
// `eager` (the guide's first figure): both files load with the page, at low priority. Lazy, the first
// sketch sits inside Chromium's lazy-load distance on a desktop screen (≈ 3,400 px down at 1280×800), so
// the browser fetched it on every load anyway — usually before the load event, once in five loads just
// after it, a request after load for a reader who never scrolled (issue 13's bench). Eager, it is part
// of the load every time; the cost is the other theme's 4 KB file, and on a phone a sketch of step 1,
// which nearly every reader of a setup guide reaches.
import { ILLUSTRATIONS, isIllustrationName } from "./illustrations/meta";

export function Figure({ illustration, caption, eager = false }: { illustration: string; caption?: string; eager?: boolean }) {
  if (!isIllustrationName(illustration)) {
    throw new Error(`<Figure>: unknown illustration "${illustration}" (known: ${Object.keys(ILLUSTRATIONS).join(", ")})`);
  }
  const { width, height, title, desc } = ILLUSTRATIONS[illustration];
  const alt = `${title}. ${desc}`;
  const common = eager
    ? ({ width, height, loading: "eager", fetchPriority: "low", decoding: "async" } as const)
    : ({ width, height, loading: "lazy", decoding: "async" } as const);
  return (
    <figure className="figure not-prose">
      {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG: nothing for next/image to optimise */}
      <img src={`/illustrations/${illustration}.svg`} className="illustration dark:hidden" alt={alt} {...common} />
      {/* eslint-disable-next-line @next/next/no-img-element -- the same sketch in the dark theme's colours */}
      <img src={`/illustrations/${illustration}-dark.svg`} className="illustration hidden dark:block" alt={alt} {...common} />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
