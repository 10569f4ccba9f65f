// Chromium's switches for the page bench, the e2e tests and the screenshots (Debian's /usr/bin/chromium),
// and where that Chromium is.
import { existsSync } from "node:fs";

/** Debian's Chromium (its full browser), when installed: these machines cannot download Playwright's own. */
export const SYSTEM_CHROMIUM: string | undefined = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

// The switches. Chromium 156 builds its omnibox popup as a WebUI page ("chrome://omnibox-popup.top-chrome", the full
// popup and the AI-mode one) for a new browser window, and a new Playwright browser context is a new
// window. In many loads (from 2 of 6 to every one, in probes) that build fetches 100–180
// chrome://resources modules and runs them in a renderer of its own, at the very moment our page loads:
// on this 2-core machine that delayed the guide's stylesheet from 0.12–0.24 s to 0.33–0.88 s after
// navigation (4× CPU, traced) and made unthrottled page loads 1.1–1.5 s instead of 0.7–1.0 s. A reader's
// browser builds it once per window, not once per page, so the bench turns it off.
//
// A second --disable-features replaces the first (checked: Chromium keeps the last value), so this list
// repeats Playwright's own defaults (playwright-core 1.64, `chromiumSwitches`);
// tests/unit/chromium-args.test.ts fails when a Playwright upgrade changes them.
export const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
] as const;

/** The browser's own omnibox popup pages (WebUIOmniboxPopup and WebUIOmniboxAimPopup both needed: either alone left 46–90 requests in some loads). */
export const BROWSER_UI_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxFullPopup", "WebUIOmniboxAimPopup"] as const;

/** Playwright's disabled features plus the browser's omnibox WebUI, as one switch. */
export const DISABLE_FEATURES_ARG = `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_FEATURES].join(",")}`;

/** What every headless launch here passes (the network ones keep Chromium from calling out of this offline machine). */
export const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  DISABLE_FEATURES_ARG,
];
