// <Figure illustration="register-application" caption="…" /> — one of our own sketches, shown from its
// static SVG file (public/illustrations/, see components/illustrations/svg-file.tsx): not drawn into the
// page, so it is neither in the HTML nor in the RSC payload. Two files, one per theme; the other theme's
// <img> is display:none, and being lazy it is not even fetched.
import { ILLUSTRATIONS, isIllustrationName } from "./illustrations/meta";

export function Figure({ illustration, caption }: { illustration: string; caption?: string }) {
  if (!isIllustrationName(illustration)) {
    throw new Error(`<Figure>: unknown illustration "${illustration}" (known: ${Object.keys(ILLUSTRATIONS).join(", ")})`);
  }
  const { width, height, title, desc } = ILLUSTRATIONS[illustration];
  const alt = `${title}. ${desc}`;
  const common = { width, height, loading: "lazy", decoding: "async" } as const;
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
