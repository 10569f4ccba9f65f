// A result that could not be saved (Postgres down) or an input error, for the plain-HTML path: the
// POST answers with a redirect, so the page it lands on needs the result without a database. It rides
// in the URL as a signed, compressed token (no secret is ever in it: reports are redacted, errors
// too), valid for an hour. The signature stops anyone from crafting a page on our domain that says
// what they like.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { z } from "zod";
import { fingerprintKey } from "../progress";
import { reportSchema, type FieldError, type Report } from "../verify";
import { VERIFIABLE_STEPS, type VerifiableStep } from "../steps";

export type UnsavedPayload =
  | { kind: "report"; step: VerifiableStep; report: Report; message: string; at: number }
  | { kind: "invalid"; step: VerifiableStep; error: FieldError; at: number };

const MAX_AGE_MS = 60 * 60 * 1000;
const MAX_TOKEN = 12_000;

const payloadSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("report"), step: z.enum(VERIFIABLE_STEPS), report: reportSchema, message: z.string().max(500), at: z.number() }),
  z.object({
    kind: z.literal("invalid"),
    step: z.enum(VERIFIABLE_STEPS),
    error: z.object({ code: z.string().max(100), message: z.string().max(2000), field: z.string().max(200).nullable(), line: z.number().optional(), column: z.number().optional() }),
    at: z.number(),
  }),
]);

function key(): Buffer {
  return createHmac("sha256", fingerprintKey()).update("customer-unsaved-result:v1").digest();
}

function sign(data: string): string {
  return createHmac("sha256", key()).update(data).digest("base64url").slice(0, 32);
}

export function encodeUnsaved(payload: UnsavedPayload): string {
  const data = deflateRawSync(Buffer.from(JSON.stringify(payload), "utf8")).toString("base64url");
  return `${data}.${sign(data)}`;
}

export function decodeUnsaved(token: string | undefined | null, now = Date.now()): UnsavedPayload | null {
  if (!token || token.length > MAX_TOKEN) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const data = token.slice(0, dot);
  const sig = Buffer.from(token.slice(dot + 1));
  const want = Buffer.from(sign(data));
  if (sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
  try {
    const json = inflateRawSync(Buffer.from(data, "base64url"), { maxOutputLength: 256 * 1024 }).toString("utf8");
    const parsed = payloadSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return null;
    if (now - parsed.data.at > MAX_AGE_MS || parsed.data.at - now > 60_000) return null;
    return parsed.data as UnsavedPayload;
  } catch {
    return null;
  }
}
