// Links in guides: internal ones use next/link (client-side, prefetched on hover/focus), external ones open in a new
// tab and say so.
import { HoverLink } from "./hover-link";
import type { ComponentProps } from "react";
import { ExternalIcon } from "./icons";

export function SmartLink({ href = "", children, ...rest }: ComponentProps<"a">) {
  const external = /^[a-z][a-z0-9+.-]*:/i.test(href);
  if (!external) {
    if (href.startsWith("#")) return <a href={href} {...rest}>{children}</a>;
    return (
      <HoverLink href={href} {...rest}>
        {children}
      </HoverLink>
    );
  }
  const { target: _t, rel: _r, className: _c, ...safe } = rest as ComponentProps<"a"> & { className?: string };
  void _t;
  void _r;
  void _c;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" {...safe}>
      {children}
      <ExternalIcon className="ml-0.5 inline-block align-baseline" />
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
