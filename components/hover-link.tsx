"use client";
// next/link that prefetches only on intent (pointer over, focus, touch), never on load or on entering
// the viewport: a reader who only reads the page costs no request after load. Until the first intent
// the link has prefetch={false}; then Next's own prefetch ("auto") takes over for it.
import Link from "next/link";
import { useState, type ComponentProps, type FocusEvent, type MouseEvent, type TouchEvent } from "react";

type Props = Omit<ComponentProps<typeof Link>, "prefetch">;

export function HoverLink({ onMouseEnter, onFocus, onTouchStart, ...rest }: Props) {
  const [intent, setIntent] = useState(false);
  const want = () => {
    if (!intent) setIntent(true);
  };
  return (
    <Link
      prefetch={intent ? null : false}
      onMouseEnter={(e: MouseEvent<HTMLAnchorElement>) => {
        want();
        onMouseEnter?.(e);
      }}
      onFocus={(e: FocusEvent<HTMLAnchorElement>) => {
        want();
        onFocus?.(e);
      }}
      onTouchStart={(e: TouchEvent<HTMLAnchorElement>) => {
        want();
        onTouchStart?.(e);
      }}
      {...rest}
    />
  );
}
