/**
 * A flag shared by the web thread and the worker thread (a SharedArrayBuffer of 4 bytes): raised
 * while a webhook acknowledgement waits for SQLite's write lock, lowered when it got it. The
 * worker checks it before it starts a transaction and lets the acknowledgement go first, so a
 * worker running flat out cannot keep the inbox waiting for its next gap.
 */
export class WriteGate {
  private readonly cell: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.cell = new Int32Array(buffer);
  }

  raise(): void {
    Atomics.store(this.cell, 0, 1);
  }

  lower(): void {
    if (Atomics.exchange(this.cell, 0, 0) === 1) Atomics.notify(this.cell, 0);
  }

  isRaised(): boolean {
    return Atomics.load(this.cell, 0) === 1;
  }

  /**
   * Blocks the calling thread while the gate is raised, for at most `maxMs`. Only for a thread
   * other than the one that raises it (the worker thread): the web thread never waits here.
   */
  waitWhileRaised(maxMs: number): "not-raised" | "lowered" | "timed-out" {
    if (!this.isRaised()) return "not-raised";
    const result = Atomics.wait(this.cell, 0, 1, maxMs);
    return result === "timed-out" ? "timed-out" : "lowered";
  }
}
