import { ShopNotConnectedError } from "~/shopify/admin.server";
import { AdminApiError, UserErrorsFailure } from "~/shopify/errors";
import { TerminalJobError } from "~/services/queue/errors";

/**
 * Failures a retry cannot fix, for jobs that call Shopify: a bad payload, a shop that is not
 * connected, Shopify refusing the change (userErrors) or the document. Throttling, 5xx and
 * network failures are not terminal: the worker retries them with backoff.
 */
export function isTerminalShopifyError(error: unknown): boolean {
  return (
    error instanceof TerminalJobError ||
    error instanceof ShopNotConnectedError ||
    error instanceof UserErrorsFailure ||
    (error instanceof AdminApiError && !error.retryable)
  );
}
