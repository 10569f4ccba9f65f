"use client";
// A time stamp that renders the same on the server and in the first client render (UTC), then
// switches to the reader's own time zone once hydrated: no hydration mismatch, no wrong hour.
import { useEffect, useState } from "react";

const UTC = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatUtc(iso: string): string {
  return `${UTC.format(new Date(iso))} UTC`;
}

export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => formatUtc(iso));
  useEffect(() => {
    setText(new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)));
  }, [iso]);
  return <time dateTime={iso}>{text}</time>;
}
