// The script-readable setup marker: the browser's copy of its name equals the server's, and the marker
// carries no secret and the setup cookie's lifetime, path and SameSite (only httpOnly differs).
import { describe, expect, it } from "vitest";
import { SETUP_MARKER_COOKIE, serializeSetupMarkerCookie, setupCookieOptions, setupMarkerCookieOptions } from "@/lib/customer/cookie";
import { SETUP_MARKER_COOKIE_NAME } from "@/components/verify/setup-marker";

describe("setup marker cookie", () => {
  it("has one name on both sides", () => {
    expect(SETUP_MARKER_COOKIE_NAME).toBe(SETUP_MARKER_COOKIE);
  });
  it("is the setup cookie's options without httpOnly, and holds only 1", () => {
    const env = { NODE_ENV: "production", SITE_URL: "https://guides.example" };
    expect(setupMarkerCookieOptions(env)).toEqual({ ...setupCookieOptions(env), httpOnly: false });
    expect(serializeSetupMarkerCookie({ secure: true, maxAge: 10 })).toBe("bc_has_setup=1; Path=/; Max-Age=10; SameSite=Lax; Secure");
  });
});
