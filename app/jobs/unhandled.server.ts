import { LeaseLostError } from "~/services/queue/job-queue";

type Log = (message: string, details: Record<string, unknown>) => void;

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.stack ?? `${reason.name}: ${reason.message}`;
  return String(reason);
}

/**
 * The listener for `unhandledRejection`: logs the reason with the job it belongs to when it says
 * (a LeaseLostError, or an error carrying `jobId`), else the jobs this process was running then.
 */
export function unhandledRejectionLogger(runningJobIds: () => readonly string[], log: Log): (reason: unknown) => void {
  return (reason) => {
    const jobId = reason instanceof LeaseLostError ? reason.jobId : (reason as { jobId?: unknown } | null)?.jobId;
    log("[worker] unhandled rejection", {
      error: describe(reason),
      ...(typeof jobId === "string" ? { jobId } : { runningJobIds: [...runningJobIds()] }),
    });
  };
}

/**
 * Logs every unhandled rejection of this process (the worker thread or process, or the web process
 * running the worker inline) instead of letting one kill it: a job's failure is already handled
 * by the worker, and what escapes it must be seen, not crash webhook acknowledgements. Returns the
 * function that removes the listener.
 */
export function logUnhandledRejections(runningJobIds: () => readonly string[], log: Log = (m, d) => console.error(m, d)): () => void {
  const listener = unhandledRejectionLogger(runningJobIds, log);
  process.on("unhandledRejection", listener);
  return () => void process.off("unhandledRejection", listener);
}
