import type { JobQueue, NewJob } from "~/services/queue/job-queue";

/**
 * What the scheduler enqueued on its previous tick, so the next tick sends only what is new.
 *
 * Every minute the scheduler builds each active shop's periodic timers; a timer's dedupe key names
 * its slot, so most of them are the same job as a minute ago and the queue refuses them (at 1,000
 * shops about 93 % of the inserts). A key this process enqueued on its previous tick is certain to
 * be refused again — its row exists (queued, running, finished, cancelled) or its key was retired
 * (decision 022) — so skipping it changes nothing but the cost: a tick sends the timers whose slot
 * began since (with the shops' slots spread over the period, a small share of them each minute).
 * The memory is per process and only ever skips; a process that did not run the previous tick (pg-boss
 * hands the cron tick to any worker) or that just started sends everything once, and the queue's
 * dedupe keys stay what guarantees one job per slot.
 */
export class TimerMemo {
  private previous = new Map<string, string>();
  private current = new Map<string, string>();

  /** The queue a tick enqueues through: the same queue, minus the inserts the last tick already made. */
  through(queue: JobQueue): JobQueue {
    return {
      enqueue: (job) => this.enqueue(queue, job),
      claim: (...args) => queue.claim(...args),
      heartbeat: (...args) => queue.heartbeat(...args),
      complete: (...args) => queue.complete(...args),
      fail: (...args) => queue.fail(...args),
      park: (...args) => queue.park(...args),
      resumeParked: (...args) => queue.resumeParked(...args),
      retry: (...args) => queue.retry(...args),
      cancelForShop: (...args) => queue.cancelForShop(...args),
    };
  }

  /** Ends a tick: the keys it enqueued (or skipped) are the ones the next tick may skip. */
  endTick(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  private async enqueue(queue: JobQueue, job: NewJob): Promise<{ id: string; created: boolean }> {
    const known = this.current.get(job.dedupeKey) ?? this.previous.get(job.dedupeKey);
    if (known !== undefined) {
      this.current.set(job.dedupeKey, known);
      return { id: known, created: false };
    }
    const result = await queue.enqueue(job);
    this.current.set(job.dedupeKey, result.id);
    return result;
  }
}
