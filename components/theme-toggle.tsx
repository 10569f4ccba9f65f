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
      onClick={() => setTheme(dark ? "light" : "dark")}
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
