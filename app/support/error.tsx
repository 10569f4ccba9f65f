"use client";
// A console page that failed to render: the same message as app/error.tsx, inside the console's frame
// (its bar and navigation stay).
export { default } from "../error";
