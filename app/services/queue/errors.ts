/** A failure that retrying cannot fix (bad payload, missing data for good): dead-letter at once. */
export class TerminalJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TerminalJobError";
  }
}

/** Prisma's unique-constraint violation (P2002): the row is already there. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
