/**
 * Finding 9 of issue #16: a rejection nobody handled is logged (with its job when known) by the
 * worker and by the web process that runs the worker inline, instead of killing the process.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestAppEnv } from "../helpers/app-env";

useTestAppEnv({ DROPLINE_WORKER: "inline" });

afterEach(() => vi.restoreAllMocks());

describe("unhandled rejections", () => {
  it("the logger names the job a LeaseLostError belongs to, else the jobs running at the time", async () => {
    const { unhandledRejectionLogger } = await import("../../app/jobs/unhandled.server");
    const { LeaseLostError } = await import("../../app/services/queue/job-queue");
    const logged: Record<string, unknown>[] = [];
    const listener = unhandledRejectionLogger(
      () => ["job-1", "job-2"],
      (_m, details) => void logged.push(details),
    );
    listener(new LeaseLostError("job-7", "another worker holds it"));
    listener(new Error("database is locked"));
    expect(logged[0]).toMatchObject({ jobId: "job-7" });
    expect(logged[0]!.error).toMatch(/Lease on job job-7 lost/);
    expect(logged[1]).toMatchObject({ runningJobIds: ["job-1", "job-2"] });
    expect(logged[1]!.error).toMatch(/database is locked/);
  });

  it("the web process running the worker inline logs unhandled rejections, and stops logging when stopped", async () => {
    const { startBackgroundWork } = await import("../../app/jobs/background.server");
    const { services } = await import("../../app/services.server");
    const before = process.listeners("unhandledRejection");
    startBackgroundWork(services);
    try {
      const added = process.listeners("unhandledRejection").filter((l) => !before.includes(l));
      expect(added).toHaveLength(1);
      const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
      // Called as Node would call it; a real unhandled rejection would also fail this test run.
      (added[0] as (reason: unknown, promise: Promise<unknown>) => void)(Object.assign(new Error("boom"), { jobId: "job-9" }), Promise.resolve());
      expect(errors).toHaveBeenCalledWith("[worker] unhandled rejection", expect.objectContaining({ jobId: "job-9" }));
    } finally {
      await globalThis.__droplineBackground?.stop();
      globalThis.__droplineBackground = undefined;
    }
    expect(process.listeners("unhandledRejection")).toEqual(before);
  });
});
