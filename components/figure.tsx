// <Figure illustration="register-application" caption="…" /> — one of our own inline SVG sketches
// (no image files to break, sharp at any size, follows dark mode).
import { illustrations, type IllustrationName } from "./illustrations";

export function Figure({ illustration, caption }: { illustration: string; caption?: string }) {
  const Sketch = illustrations[illustration as IllustrationName];
  if (!Sketch) throw new Error(`<Figure>: unknown illustration "${illustration}" (known: ${Object.keys(illustrations).join(", ")})`);
  return (
    <figure className="not-prose my-6">
      <div className="overflow-hidden rounded-xl">
        <Sketch />
      </div>
      {caption && <figcaption className="mt-2 text-center text-sm text-zinc-600 dark:text-zinc-400">{caption}</figcaption>}
    </figure>
  );
}
