// The components guides can use, and the HTML elements we restyle. To make a new component available
// in every guide, import it and add one line to `mdxComponents`.
import { cloneElement, createElement, type ComponentProps, type ReactElement } from "react";
import { encodeForPayload } from "@/lib/content/payload-text";
import { compactStatic, type BlockFactory } from "@/lib/content/static-html";
import { Callout } from "./callout";
import { CodeBlock } from "./code-block";
import { Copy } from "./copy-value";
import { Figure } from "./figure";
import { H2, H3 } from "./heading";
import { SmartLink } from "./smart-link";
import { StaticBlock } from "./static-block";
import { Step, Steps } from "./steps";
// The panels and confirmations hydrate lazily (their code is fetched when they come near the viewport
// or are touched): components/verify/lazy.tsx.
import { LazyConfirmStep as ConfirmStep, LazyExtensionInstall as ExtensionInstall, LazyVerifiedKeys as VerifiedKeys, LazyVerifyStep as VerifyStep } from "./verify/lazy";

function Table(props: ComponentProps<"table">) {
  return (
    <div className="table-wrap my-6 overflow-x-auto" tabIndex={0} role="region" aria-label="Table">
      <table {...props} className="my-0" />
    </div>
  );
}

export const mdxComponents = {
  Callout,
  ConfirmStep,
  Copy,
  ExtensionInstall,
  Figure,
  Step,
  Steps,
  VerifiedKeys,
  VerifyStep,
  a: SmartLink,
  h2: H2,
  h3: H3,
  pre: CodeBlock,
  table: Table,
};

/** Renders a compiled page body with our components. */
export function withComponents(content: ReactElement, components: Record<string, unknown> = mdxComponents): ReactElement {
  return cloneElement(content as ReactElement<{ components?: unknown }>, { components });
}

// The interactive parts of a guide: everything else in it is static HTML.
const INTERACTIVE: ReadonlySet<unknown> = new Set([ConfirmStep, ExtensionInstall, VerifiedKeys, VerifyStep]);

/**
 * A compiled page body for the guide page: our components, then every stretch without an interactive
 * part as a pre-rendered HTML string (lib/content/static-html.ts), so the RSC payload carries it as
 * one string and React hydrates one element per block. Copy buttons, heading anchors and internal
 * links in it are served by components/prose-actions.tsx.
 */
export function renderProse(content: ReactElement): ReactElement {
  return compactStatic(withComponents(content, mdxComponents), INTERACTIVE, staticBlock);
}

const staticBlock: BlockFactory = (tag, props, html) => createElement(StaticBlock, { ...props, as: tag, html: encodeForPayload(html) });
