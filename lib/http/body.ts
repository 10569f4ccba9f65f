// Reading a request body with a limit, the one way: the declared Content-Length is refused early,
// the stream is counted as it arrives (a lying or missing length can't get past the limit), and the
// bytes must be UTF-8. Used by the JSON API and the plain-HTML form routes alike.

/** A manifest at the 256 KB limit still fits when sent as an escaped JSON string (or form-encoded). */
export const MAX_BODY_BYTES = 640 * 1024;

export type BodyText = { ok: true; text: string } | { ok: false; reason: "too-large" | "bad-encoding" };

export async function readBodyText(request: Request, limit: number = MAX_BODY_BYTES): Promise<BodyText> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(all) };
  } catch {
    return { ok: false, reason: "bad-encoding" };
  }
}
