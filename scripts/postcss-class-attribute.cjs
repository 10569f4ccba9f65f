// A PostCSS step after Tailwind (postcss.config.mjs): `[class~="not-prose"]` becomes `.not-prose`.
//
// The typography plugin ends each of its ≈ 130 rules with `:not(:where([class~="not-prose"],
// [class~="not-prose"] *))`. An attribute selector on `class` followed by a descendant combinator tells
// Chromium that a change to the class attribute of any element may restyle everything inside it: when
// next-themes sets the theme class on <html> again as the page starts (same value, removed and added),
// the whole page is restyled (895 elements, ≈ 0.1 s of main thread at 4× CPU, right where the first
// "Verify my setup" panel wakes up); so is an element's whole subtree whenever a script changes its
// classes (a panel's tabs and states, the theme toggle). `.not-prose` matches exactly the same elements (`[class~=x]` is the class selector's
// definition) and is invalidated only when that class comes or goes.
//
// Only plain identifiers are rewritten (anything that would need escaping is left as it is). The input
// is our own compiled stylesheet at build time, never user input.
"use strict";

const ATTRIBUTE = /\[\s*class\s*~=\s*(?:"([^"\\]*)"|'([^'\\]*)'|([^\s"'\]]+))\s*\]/g;
const IDENT = /^-?[A-Za-z_][\w-]*$/;

/** The selector with each `[class~=ident]` written as `.ident`. */
function rewriteSelector(selector) {
  if (!selector.includes("class")) return selector;
  return selector.replace(ATTRIBUTE, (whole, dq, sq, bare) => {
    const name = dq ?? sq ?? bare ?? "";
    return IDENT.test(name) ? `.${name}` : whole;
  });
}

/** @type {import("postcss").PluginCreator<void>} */
const plugin = () => ({
  postcssPlugin: "class-attribute-selectors",
  // After Tailwind has written its rules (it compiles the whole sheet in its own pass).
  OnceExit(root) {
    root.walkRules((rule) => {
      const next = rewriteSelector(rule.selector);
      if (next !== rule.selector) rule.selector = next;
    });
  },
});
plugin.postcss = true;

module.exports = plugin;
module.exports.rewriteSelector = rewriteSelector;
