// The components guides can use, and the HTML elements we restyle. To make a new component available
// in every guide, import it and add one line to `mdxComponents`.
import { cloneElement, type ComponentProps, type ReactElement } from "react";
import { Callout } from "./callout";
import { CodeBlock } from "./code-block";
import { Copy } from "./copy-value";
import { Figure } from "./figure";
import { H2, H3 } from "./heading";
import { SmartLink } from "./smart-link";
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
