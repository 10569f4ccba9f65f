// Reading from the terminal for the CLIs (verify --secret-stdin, staff:create): a hidden prompt that
// echoes nothing (a secret or a password), and all of standard input when it is piped.
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";

/** Reads one line from a terminal without echoing it; Ctrl+C exits with `interruptCode`. */
export function readHidden(prompt: string, interruptCode = 130): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.resume();
    let value = "";
    const onData = (buf: Buffer | string) => {
      for (const ch of buf.toString()) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          stdin.setRawMode?.(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stderr.write("\n");
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          stdin.setRawMode?.(false);
          process.stderr.write("\n");
          process.exit(interruptCode);
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

/** Input longer than a reader's limit: reading stopped there (nothing past it was read or kept). */
export class InputTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`more than ${Math.round(limitBytes / 1024)} KB`);
  }
}

/**
 * A stream as text, reading at most `maxBytes`: once more has come, the stream is destroyed and
 * InputTooLarge thrown (`yes | verify --manifest -` or a path to /dev/zero must not fill memory).
 * Errors of the stream (ENOENT, EISDIR, EACCES of a file) are thrown as they come.
 */
async function readLimited(stream: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new InputTooLarge(maxBytes);
    }
    chunks.push(buf);
  }
  return decodeText(Buffer.concat(chunks));
}

/** All of standard input (piped), as text, at most `maxBytes` of it. */
export function readStdin(maxBytes = Infinity): Promise<string> {
  return readLimited(process.stdin, maxBytes);
}

/** A file (or a named pipe such as `<(…)`) as text, at most `maxBytes` of it. */
export function readFileLimited(path: string, maxBytes: number): Promise<string> {
  return readLimited(createReadStream(path), maxBytes);
}

/** Input that is not text in its encoding (bytes of Windows-1252, Latin-1, a binary file…). */
export class InvalidEncoding extends Error {
  constructor() {
    super("not valid UTF-8 text");
  }
}

/**
 * Text from a file or a pipe: UTF-8 unless a byte-order mark says UTF-16. Windows PowerShell 5.1's `>`
 * and `Out-File` write UTF-16 LE with a BOM; read as UTF-8, every other byte would be a NUL.
 * UTF-8 is decoded strictly, as the API decodes a body (lib/http/body.ts): bytes that are not UTF-8
 * (a manifest saved as Windows-1252) throw InvalidEncoding instead of becoming U+FFFD and being
 * checked as something else; a UTF-8 byte-order mark is removed.
 */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const body = buf.subarray(2, 2 + ((buf.length - 2) & ~1)); // whole 16-bit units only
    return Buffer.from(body).swap16().toString("utf16le");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    throw new InvalidEncoding();
  }
}
