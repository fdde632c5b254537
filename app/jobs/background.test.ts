import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it, vi } from "vitest";
import { startWorkerThread } from "./background.server";

it("restarts a worker thread that died, and stops it on request", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dropline-thread-"));
  const starts = path.join(dir, "starts");
  // A stand-in for the worker bundle: counts its starts, dies on the first, serves until told to stop.
  const bundle = path.join(dir, "worker.cjs");
  fs.writeFileSync(
    bundle,
    `const fs = require("node:fs"); const { parentPort } = require("node:worker_threads");
     const n = (fs.existsSync(${JSON.stringify(starts)}) ? Number(fs.readFileSync(${JSON.stringify(starts)}, "utf8")) : 0) + 1;
     fs.writeFileSync(${JSON.stringify(starts)}, String(n));
     if (n === 1) throw new Error("crashed while starting");
     parentPort.on("message", (m) => { if (m === "stop") process.exit(0); });`,
  );
  const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const running = startWorkerThread(bundle);
  await vi.waitFor(() => expect(fs.existsSync(starts) && fs.readFileSync(starts, "utf8")).toBe("2"), { timeout: 4_000 });
  await running.stop();
  expect(errors.mock.calls.map((c) => String(c[0]))).toEqual(expect.arrayContaining([expect.stringMatching(/restarting/)]));
  // Stopped for good: no third start.
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect(fs.readFileSync(starts, "utf8")).toBe("2");
  errors.mockRestore();
});
