/** A benchmark that could not be built or run: said to the user as a message, never a stack trace. */
export class BenchError extends Error {
  override name = "BenchError";

  /** `detail` prints more (a spec's located problems) before the message. */
  constructor(message: string, readonly detail?: () => void) {
    super(message);
  }
}
