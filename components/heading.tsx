// h2/h3 in guides: the id comes from the build (step id, {#custom-id} or a slug); each gets a "#" link.
import type { ComponentProps, ReactNode } from "react";
import { isValidElement } from "react";
import { StaticHeadingAnchor as HeadingAnchor } from "./prose-static";

export function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

function make(Tag: "h2" | "h3") {
  return function Heading({ id, children, ...rest }: ComponentProps<"h2">) {
    if (!id) return <Tag {...rest}>{children}</Tag>;
    return (
      <Tag id={id} {...rest} className={rest.className ? `group ${rest.className}` : "group"}>
        {children}
        <HeadingAnchor id={id} title={textOf(children)} />
      </Tag>
    );
  };
}

export const H2 = make("h2");
export const H3 = make("h3");
