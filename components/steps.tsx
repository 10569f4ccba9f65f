// <Steps> wraps the numbered sections of a guide; <Step id="…"> is one of them. The build injects the
// step's heading (title from the frontmatter) and its number, so a Step only needs its id.
import type { ReactNode } from "react";

export function Steps({ children }: { children?: ReactNode }) {
  return (
    <div data-steps className="steps relative my-8">
      {children}
    </div>
  );
}

export function Step({ id, number, title, children }: { id: string; number?: string; title?: string; children?: ReactNode }) {
  return (
    <section
      data-step={id}
      aria-labelledby={id}
      className="step relative border-l-2 border-zinc-200 pb-6 pl-8 last:pb-0 dark:border-zinc-800 sm:pl-10"
    >
      <span
        aria-hidden="true"
        title={title}
        className="step-number absolute -left-[15px] top-[1.05rem] flex h-7 w-7 items-center justify-center rounded-full border-2 border-violet-600 bg-white text-xs font-bold text-violet-800 dark:border-violet-400 dark:bg-zinc-950 dark:text-violet-200"
      >
        {number}
      </span>
      {children}
    </section>
  );
}
