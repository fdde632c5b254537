import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { WriteGate } from "./write-gate";

describe("write gate", () => {
  it("does not hold up a transaction when no acknowledgement is waiting", () => {
    expect(new WriteGate().waitWhileRaised(10_000)).toBe("not-raised");
  });

  it("releases the waiting thread as soon as another thread lowers it", async () => {
    const gate = new WriteGate();
    const seen = new Int32Array(new SharedArrayBuffer(4));
    gate.raise();
    // The other thread does what the web thread's inbox does after its commit: write, then lower.
    const other = new Worker(
      `const { workerData } = require("node:worker_threads");
       const gate = new Int32Array(workerData.gate), seen = new Int32Array(workerData.seen);
       setTimeout(() => { Atomics.store(seen, 0, 42); Atomics.store(gate, 0, 0); Atomics.notify(gate, 0); }, 20);`,
      { eval: true, workerData: { gate: gate.buffer, seen: seen.buffer } },
    );
    // Far longer than the test's own time limit: only the other thread lowering it can end the wait.
    expect(gate.waitWhileRaised(60_000)).toBe("lowered");
    expect(Atomics.load(seen, 0)).toBe(42);
    expect(gate.isRaised()).toBe(false);
    await other.terminate();
  });

  it("stops waiting at its limit when the gate stays raised (a stalled web thread cannot stop the worker)", () => {
    const gate = new WriteGate();
    gate.raise();
    expect(gate.waitWhileRaised(5)).toBe("timed-out");
    expect(gate.isRaised()).toBe(true);
  });

  it("is shared through its buffer: a gate rebuilt from the buffer sees the same flag", () => {
    const gate = new WriteGate();
    const view = new WriteGate(gate.buffer);
    gate.raise();
    expect(view.isRaised()).toBe(true);
    view.lower();
    expect(gate.isRaised()).toBe(false);
  });
});
