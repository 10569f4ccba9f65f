// <Steps> wraps the numbered sections of a guide; <Step id="…"> is one of them. The build injects the
// step's heading (title from the frontmatter) and its number, so a Step only needs its id.
import type { ReactNode } from "react";

export function Steps({ children }: { children?: ReactNode }) {
  return (
    <div data-steps className="steps">
      {children}
    </div>
  );
}

export function Step({ id, number, title, children }: { id: string; number?: string; title?: string; children?: ReactNode }) {
  return (
    <section
      data-step={id}
      aria-labelledby={id}
      className="step"
    >
      <span
        aria-hidden="true"
        title={title}
        className="step-number"
      >
        {number}
      </span>
      {children}
    </section>
  );
}
