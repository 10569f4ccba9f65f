"use client";
// Dark mode: follows the system until the reader picks a theme; the choice is kept in localStorage.
// No `disableTransitionOnChange`: next-themes applies the theme again when it mounts, and with that
// option it inserts a <style>, forces a style recalculation of the whole page (getComputedStyle) and
// removes the <style> a moment later: two more full recalculations on every page load, ≈ 0.25 s of main
// thread at 4× CPU (the guide page's TBT). The toggle pauses transitions itself (theme-toggle.tsx).
import { ThemeProvider as NextThemes } from "next-themes";
import type { ReactNode } from "react";

export function ThemeProvider({ children }: { children: ReactNode }) {
  return (
    <NextThemes attribute="class" defaultTheme="system" enableSystem storageKey="theme">
      {children}
    </NextThemes>
  );
}
