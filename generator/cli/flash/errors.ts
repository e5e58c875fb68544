/**
 * What goes wrong while flashing, said so a person knows what state the
 * board is in: whether anything of the image reached it.
 */

/** A problem before anything was sent or run: wrong target, missing port, image that does not fit. */
export class FlashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FlashError";
  }
}

/** How far a transfer got when it stopped. */
export interface Progress {
  /** Image bytes written to the port so far. */
  sent: number;
  /** Image bytes in all. */
  total: number;
}

/** A transfer that stopped: the message says why, `progress` how far it got. */
export class TransferError extends FlashError {
  constructor(
    problem: string,
    readonly progress: Progress,
  ) {
    super(`${problem}\n${describeProgress(progress)}`);
    this.name = "TransferError";
  }
}

export function describeProgress({ sent, total }: Progress): string {
  if (sent === 0) return "Nothing of the image was sent: the board's memory is as it was.";
  if (sent >= total) return `All ${total} bytes of the image were sent, but the board did not confirm them: reset it before trying again.`;
  return `Only ${sent} of ${total} bytes of the image were sent: the board holds a partial image; reset it before trying again.`;
}
