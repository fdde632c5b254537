/** A failure that retrying cannot fix (bad payload, missing data for good): dead-letter at once. */
export class TerminalJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TerminalJobError";
  }
}
