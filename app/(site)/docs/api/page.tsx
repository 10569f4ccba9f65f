// /docs/api — the API reference, rendered from the OpenAPI document itself (lib/api/openapi.ts), so
// the page, /api/v1/openapi.json and the API's validation cannot disagree. Prerendered.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { CodeBlock } from "@/components/code-block";
import { GuideLayout } from "@/components/guide-layout";
import { openApiDocument } from "@/lib/api/openapi";
import { getNav } from "@/lib/content/nav";

export const metadata: Metadata = {
  title: "API reference",
  description: "POST /api/v1/verify: check an Entra ID app registration for Business Central from CI, a script or a terminal.",
  alternates: { canonical: "/docs/api" },
};

type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  maxItems?: number;
  format?: string;
};

/** A short, readable type of a JSON Schema ("string ≤ 200", "array of string", "one of …"). */
function typeOf(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.length > 6 ? `one of ${s.enum.length} values` : s.enum.map((e) => JSON.stringify(e)).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" or ");
  if (s.type === "array") return `array of ${s.items ? typeOf(s.items) : "any"}${s.maxItems !== undefined ? ` (≤ ${s.maxItems})` : ""}`;
  if (s.type === "object") return "object";
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any JSON");
  return `${t}${s.maxLength !== undefined ? ` (≤ ${s.maxLength} chars)` : ""}${s.format ? `, ${s.format}` : ""}`;
}

/** The document's descriptions mark code with backticks: shown as code, not as backticks. */
function Prose({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <>
      {text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
    </>
  );
}

function H2({ id, children }: { id: string; children: ReactNode }) {
  return (
    <h2 id={id} className="mt-12 scroll-mt-20 text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">
      {children}
    </h2>
  );
}

function Code({ title, children }: { title?: string; children: string }) {
  return (
    <CodeBlock data-title={title} tabIndex={0}>
      <code>{children}</code>
    </CodeBlock>
  );
}

function FieldsTable({ schema, caption }: { schema: Schema; caption: string }) {
  const required = new Set(schema.required ?? []);
  const described = Object.values(schema.properties ?? {}).some((s) => s.description);
  return (
    <div className="not-prose my-5 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-700">
            <th scope="col" className="py-2 pr-4 font-semibold">Field</th>
            <th scope="col" className="py-2 pr-4 font-semibold">Type</th>
            <th scope="col" className="py-2 pr-4 font-semibold">Required</th>
            {described && <th scope="col" className="py-2 font-semibold">Description</th>}
          </tr>
        </thead>
        <tbody>
          {Object.entries(schema.properties ?? {}).map(([name, s]) => (
            <tr key={name} className="border-b border-zinc-100 align-top dark:border-zinc-800">
              <td className="py-2 pr-4 font-mono text-[0.8125rem]">{name}</td>
              <td className="py-2 pr-4 text-zinc-700 dark:text-zinc-300">{typeOf(s)}</td>
              <td className="py-2 pr-4">{required.has(name) ? "yes" : "no"}</td>
              {described && (
                <td className="py-2 text-zinc-700 dark:text-zinc-300">
                  <Prose text={s.description} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const TOC = [
  { id: "verify", title: "POST /api/v1/verify", depth: 2 as const },
  { id: "request", title: "Request", depth: 3 as const },
  { id: "responses", title: "Responses", depth: 3 as const },
  { id: "report", title: "The report", depth: 3 as const },
  { id: "ci", title: "Check your app registration in CI", depth: 2 as const },
  { id: "operations", title: "Health and readiness", depth: 2 as const },
];

export default async function ApiReferencePage() {
  const doc = openApiDocument();
  const nav = await getNav();
  const op = doc.paths["/api/v1/verify"].post;
  const input = doc.components.schemas.VerifyInput as Schema;
  const report = doc.components.schemas.Report as Schema;
  const checkSchema = (report.properties?.checks?.items ?? {}) as Schema;
  const requestExamples = Object.entries(op.requestBody.content["application/json"].examples);
  const responses = Object.entries(op.responses) as Array<
    [string, { description: string; headers?: Record<string, { description: string }>; content: { "application/json": { examples: Record<string, { value: unknown; summary?: string }> } } }]
  >;

  return (
    <GuideLayout nav={nav} current="/docs/api" toc={TOC}>
      <article data-page="api-reference">
        <h1 className="text-3xl font-bold tracking-tight text-zinc-950 sm:text-4xl dark:text-white">API reference</h1>
        <p className="mt-3 text-lg text-zinc-700 dark:text-zinc-300"><Prose text={doc.info.description} /></p>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          OpenAPI {doc.openapi} document: <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (version {doc.info.version}). This page is rendered from it.
        </p>

        <div className="guide-prose prose prose-zinc mt-8 max-w-none dark:prose-invert">
          <H2 id="verify">POST /api/v1/verify</H2>
          <p>
            <Prose text={op.description} />
          </p>

          <h3 id="request" className="scroll-mt-20">Request</h3>
          <p>
            <code>Content-Type: application/json</code>, in UTF-8 (another declared charset is a <code>415</code>). <Prose text={input.description} />
          </p>
          <FieldsTable schema={input} caption="Request fields" />
          {requestExamples.map(([name, ex]) => (
            <Code key={name} title={`Example request: ${ex.summary}`}>{JSON.stringify(ex.value, null, 2)}</Code>
          ))}

          <h3 id="responses" className="scroll-mt-20">Responses</h3>
          <p>
            Every answer to a <code>POST</code> is JSON and carries an <code>X-Request-Id</code> header: quote it to support (any other
            method gets a plain <code>405</code>). Errors have the shape{" "}
            <code>{'{ "error": { "code", "message", "field" } }'}</code>.
          </p>
          <dl>
            {responses.map(([status, r]) => (
              <div key={status} id={`status-${status}`}>
                <dt>
                  <strong>{status}</strong>
                </dt>
                <dd>
                  <Prose text={r.description} />
                  {Object.entries(r.headers ?? {})
                    .filter(([h]) => h !== "X-Request-Id")
                    .map(([h, v]) => (
                      <span key={h}>
                        {" "}Header <code>{h}</code>: <Prose text={v.description} />
                      </span>
                    ))}
                  {status !== "200" &&
                    Object.entries(r.content["application/json"].examples).map(([name, ex]) => (
                      <Code key={name} title={`${status} ${name}`}>{JSON.stringify(ex.value, null, 2)}</Code>
                    ))}
                </dd>
              </div>
            ))}
          </dl>

          <h3 id="report" className="scroll-mt-20">The report</h3>
          <p>
            <Prose text={report.description} /> Each check:
          </p>
          <FieldsTable schema={checkSchema} caption="Fields of a check" />
          {Object.entries(op.responses["200"].content["application/json"].examples).map(([name, ex]) => (
            <Code key={name} title={`200: ${ex.summary}`}>{JSON.stringify(ex.value, null, 2)}</Code>
          ))}

          <H2 id="ci">Check your app registration in CI</H2>
          <p>
            The command-line checker runs the same rules without a database or a web server. It exits 0 when no check fails, 1 when
            one fails and 2 for bad usage, so a CI step fails on a broken registration:
          </p>
          <Code title="With the CLI (in a clone of this project)">{`npm run --silent verify -- --manifest app.json --json > report.json
# exit code 1 when a check fails; the JSON report is in report.json`}</Code>
          <p>Or against a running site, with curl and jq:</p>
          <Code title="With curl against the API">{`jq -n --rawfile m app.json '{manifest: $m}' |
  curl -sS --fail-with-body -X POST "$SITE_URL/api/v1/verify" \\
    -H 'Content-Type: application/json' --data-binary @- > report.json
jq -e '.summary != "fail"' report.json   # fails the step when a check fails`}</Code>
          <p>
            Add <code>{'"live": true'}</code> with tenant, client ID and secret (from your CI&apos;s secret store, never committed) to also
            ask Microsoft for a token. Live checks are rate-limited: a <code>429</code> says when to retry in <code>Retry-After</code>. Only a
            request that would ask Microsoft counts against the limit: <code>live</code> without a secret, or with only rule checks in{" "}
            <code>checks</code>, is answered from the rules and never refused.
          </p>

          <H2 id="operations">Health and readiness</H2>
          <p>
            <code>GET /api/health</code>: {doc.paths["/api/health"].get.summary}. <code>GET /api/ready</code>: {doc.paths["/api/ready"].get.summary}{" "}
            (200, else 503 with a reason).
          </p>
        </div>
      </article>
    </GuideLayout>
  );
}
