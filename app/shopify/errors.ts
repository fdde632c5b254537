import type { UserError } from "./operation";

/** Shopify answered the mutation but refused it; the userErrors say why. */
export class UserErrorsFailure extends Error {
  constructor(
    readonly operationName: string,
    readonly userErrors: readonly UserError[],
  ) {
    super(`${operationName} was refused by Shopify: ${userErrors.map((e) => e.message).join("; ")}`);
    this.name = "UserErrorsFailure";
  }
}

export type AdminApiErrorKind = "throttled" | "graphql" | "http" | "network";

/** The Admin API call failed (after the retries that made sense for its kind). */
export class AdminApiError extends Error {
  constructor(
    readonly kind: AdminApiErrorKind,
    message: string,
    readonly details: { operationName: string; status?: number; codes?: readonly string[] },
  ) {
    super(message);
    this.name = "AdminApiError";
  }

  /** Worth retrying later (throttling, Shopify 5xx, network), as opposed to a bad document or auth. */
  get retryable(): boolean {
    if (this.kind === "throttled" || this.kind === "network") return true;
    if (this.kind === "http") return (this.details.status ?? 0) >= 500 || this.details.status === 429;
    return this.details.codes?.some((c) => c === "INTERNAL_SERVER_ERROR") ?? false;
  }
}
