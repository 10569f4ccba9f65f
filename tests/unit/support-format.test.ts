// How the console writes shares: never "0%" or "100%" unless it is so.
import { describe, expect, it } from "vitest";
import { percent } from "@/lib/support/format";

describe("percent", () => {
  it.each([
    [0, "0%"],
    [1 / 300, "<1%"],
    [0.004, "<1%"],
    [0.005, "1%"],
    [0.5, "50%"],
    [0.994, "99%"],
    [299 / 300, ">99%"],
    [1, "100%"],
    [Number.NaN, "0%"],
  ])("%f → %s", (share, text) => {
    expect(percent(share)).toBe(text);
  });
});
