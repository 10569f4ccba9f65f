// Reading from the terminal for the CLIs (verify --secret-stdin, staff:create): a hidden prompt that
// echoes nothing (a secret or a password), and all of standard input when it is piped.
import { closeSync, openSync, readSync } from "node:fs";

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
 * All of standard input (piped), as text. With `maxBytes`, reading stops once more than that has come
 * (`yes | verify --manifest -` must not grow memory without end) and InputTooLarge is thrown.
 */
export async function readStdin(maxBytes = Infinity): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBytes) {
      process.stdin.destroy();
      throw new InputTooLarge(maxBytes);
    }
    chunks.push(buf);
  }
  return decodeText(Buffer.concat(chunks));
}

/**
 * A file as text, reading at most `maxBytes` (+1 to know it is longer): a path to /dev/zero or an
 * endless pipe (`<(…)`) stops there with InputTooLarge instead of filling memory. Errors of opening or
 * reading (ENOENT, EISDIR, EACCES) are thrown as they come.
 */
export function readFileLimited(path: string, maxBytes: number): string {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - size));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      size += n;
      if (size > maxBytes) throw new InputTooLarge(maxBytes);
    }
    return decodeText(Buffer.concat(chunks));
  } finally {
    closeSync(fd);
  }
}

/**
 * Text from a file or a pipe: UTF-8 unless a byte-order mark says UTF-16. Windows PowerShell 5.1's `>`
 * and `Out-File` write UTF-16 LE with a BOM; read as UTF-8, every other byte would be a NUL.
 */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const body = buf.subarray(2, 2 + ((buf.length - 2) & ~1)); // whole 16-bit units only
    return Buffer.from(body).swap16().toString("utf16le");
  }
  return buf.toString("utf8");
}
