import { AsyncLocalStorage } from "node:async_hooks";
import type { JobContext } from "./job-queue";

/**
 * The job a piece of code runs for, carried implicitly through its awaits: the worker runs every
 * handler inside `runInJobScope`, so code deep in a use case (e.g. `performOnce`, before a Shopify
 * mutation) can refuse to act for a job whose lease was lost, without every call passing the signal.
 */
const scope = new AsyncLocalStorage<JobContext & { readonly jobId: string }>();

export function runInJobScope<T>(jobId: string, context: JobContext, fn: () => Promise<T>): Promise<T> {
  return scope.run({ ...context, jobId }, fn);
}

/** Throws the abort reason when `signal` (or, without one, the current job's signal) was aborted. */
export function throwIfJobAborted(signal?: AbortSignal): void {
  (signal ?? scope.getStore()?.signal)?.throwIfAborted();
}

/** Whether the current job (if any) was told to stop. */
export function jobAborted(): boolean {
  return scope.getStore()?.signal.aborted ?? false;
}

/**
 * `fn`, refusing to start for a job whose lease was lost (issue 16, finding 9): the composition
 * root wraps every side effect outside Shopify with it (the mailer, the supplier webhook poster),
 * as the Admin client checks before each mutation, so no handler has to remember. Outside a job
 * (an admin page's action) nothing is checked.
 */
export function unlessJobAborted<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    throwIfJobAborted();
    return fn(...args);
  };
}
