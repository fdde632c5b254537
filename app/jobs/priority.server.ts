/**
 * Background work runs at a lower CPU priority than webhook acknowledgements (issue 19 item 6).
 * On a machine whose cores are busy, the kernel then gives the web thread the CPU first whenever
 * it has a delivery to answer, and the worker the rest: it still uses every idle cycle.
 *
 * Linux keeps a nice value per thread, and setpriority(PRIO_PROCESS, tid) sets one thread's, so
 * the worker thread of the web process can lower its own priority without touching the web
 * thread's. Elsewhere (or when /proc is not there) it does nothing and says so.
 */
import fs from "node:fs";
import os from "node:os";

/** The kernel's id of the calling thread (Linux: /proc/thread-self → "<pid>/task/<tid>"). */
export function currentThreadId(): number | null {
  try {
    const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/**
 * Lowers the calling thread's priority to `nice` (0 = leave it; 1–19 = lower; a thread may always
 * lower its own priority). Threads it starts later inherit it. Returns the thread's nice value
 * afterwards, or null when the platform does not allow it.
 */
export function lowerThreadPriority(nice: number): number | null {
  const tid = currentThreadId();
  if (tid === null) return null;
  try {
    if (nice > 0 && os.getPriority(tid) < nice) os.setPriority(tid, nice);
    return os.getPriority(tid);
  } catch {
    return null;
  }
}
