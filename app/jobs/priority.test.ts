import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { currentThreadId } from "./priority.server";

describe.runIf(process.platform === "linux")("background priority", () => {
  it("lowers the worker thread's priority and leaves the web thread's alone", async () => {
    const webThread = currentThreadId()!;
    const before = os.getPriority(webThread);
    // A real worker thread loads the module itself (Node 24 strips its types).
    const file = fileURLToPath(new URL("./priority.server.ts", import.meta.url));
    const code = `
      const { parentPort, workerData } = require("node:worker_threads");
      import(workerData.file).then((m) => parentPort.postMessage({ tid: m.currentThreadId(), nice: m.lowerThreadPriority(10) }));`;
    const answer = await new Promise<{ tid: number; nice: number; seenFromOutside: number }>((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: { file } });
      w.once("message", (m: { tid: number; nice: number }) => {
        // Read while the thread still lives, from the web thread: the kernel's view, not the thread's claim.
        resolve({ ...m, seenFromOutside: os.getPriority(m.tid) });
        void w.terminate();
      });
      w.once("error", reject);
    });
    expect(answer.tid).not.toBe(webThread);
    expect(answer.nice).toBe(Math.max(10, before));
    expect(answer.seenFromOutside).toBe(Math.max(10, before));
    expect(os.getPriority(webThread)).toBe(before);
  }, 30_000); // a fresh thread loading the module is slow on a busy machine
});
