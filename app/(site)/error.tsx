"use client";
// A page of the guides that failed to render: the same message as app/error.tsx, inside the guides'
// frame (the header and its search stay).
export { default } from "../error";
