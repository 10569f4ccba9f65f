// One error type for everything that is wrong with the content. The message always starts with the
// file (relative to the repository) and names the field or line, so a failing build says what to fix.
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "ContentError";
  }
}
