"use client";
// One button: switches between light and dark (starting from whatever the system gave us).
import { useTheme } from "next-themes";
import { useEffect, useState } from "react";
import { MoonIcon, SunIcon } from "./icons";

export function ThemeToggle() {
  const { resolvedTheme, setTheme } = useTheme();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const dark = mounted && resolvedTheme === "dark";
  return (
    <button
      type="button"
      onClick={() => {
        // No colour fades while the whole page changes theme: transitions are off (app/globals.css,
        // .theme-switching) until two frames after next-themes has applied the new class.
        const root = document.documentElement;
        root.classList.add("theme-switching");
        setTheme(dark ? "light" : "dark");
        requestAnimationFrame(() => requestAnimationFrame(() => root.classList.remove("theme-switching")));
      }}
      aria-label="Dark mode"
      aria-pressed={mounted ? dark : undefined}
      title={dark ? "Switch to light mode" : "Switch to dark mode"}
      data-theme-toggle
      className="inline-flex h-9 w-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
    >
      <SunIcon className="hidden dark:block" width={18} height={18} />
      <MoonIcon className="block dark:hidden" width={18} height={18} />
    </button>
  );
}
