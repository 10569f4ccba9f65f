// Links in guides: internal ones are plain links marked data-nav, which components/prose-actions.tsx
// navigates client-side and prefetches on hover/focus (as next/link with HoverLink did; the prose is
// plain HTML); external ones open in a new tab and say so.
import type { ComponentProps } from "react";
import { ProseIcon } from "./prose-static";

export function SmartLink({ href = "", children, ...rest }: ComponentProps<"a">) {
  const external = /^[a-z][a-z0-9+.-]*:/i.test(href);
  if (!external) {
    if (href.startsWith("#")) return <a href={href} {...rest}>{children}</a>;
    return (
      <a href={href} data-nav="" {...rest}>
        {children}
      </a>
    );
  }
  const { target: _t, rel: _r, className: _c, ...safe } = rest as ComponentProps<"a"> & { className?: string };
  void _t;
  void _r;
  void _c;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" {...safe}>
      {children}
      <ProseIcon name="external" className="ml-0.5 align-baseline" />
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
