import type { Clock } from "~/domain/clock";
import type { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { SessionChanges } from "./session-changes.server";

interface Entry {
  readonly session: Session | undefined;
  readonly until: number;
}

/**
 * Read-through cache in front of the app's session storage. `authenticate.webhook` loads the
 * shop's offline session on every delivery; through Prisma that costs more than storing the event
 * itself. Writes and deletes made through this cache drop the entry at once. Absent sessions are
 * cached too, so deliveries for an uninstalled shop do not each hit the database.
 *
 * Changes made elsewhere — another process, or the token keeper writing a refreshed token straight
 * to the table — are seen:
 * - with `changes` (PostgreSQL: LISTEN/NOTIFY on the `Session` table's trigger) as soon as they
 *   commit; while that feed is not live (connecting, connection lost) nothing is cached, and it
 *   forgets everything when it (re)connects;
 * - without it (SQLite: one process) within `ttlMs`, which stays the backstop in both cases.
 */
export class CachedSessionStorage implements SessionStorage {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every change heard: a load that overlapped one is not cached (it may have read the old row). */
  private generation = 0;
  private listening = false;

  constructor(
    private readonly inner: SessionStorage,
    private readonly ttlMs = 10_000,
    private readonly now: Clock = () => new Date(),
    private readonly changes?: SessionChanges,
  ) {}

  async loadSession(id: string): Promise<Session | undefined> {
    this.listen();
    if (this.cacheable()) {
      const hit = this.entries.get(id);
      if (hit && hit.until > this.now().getTime()) return hit.session;
    }
    const generation = this.generation;
    const session = await this.inner.loadSession(id);
    if (this.cacheable() && generation === this.generation) this.entries.set(id, { session, until: this.now().getTime() + this.ttlMs });
    return session;
  }

  async storeSession(session: Session): Promise<boolean> {
    this.forget(session.id);
    return this.inner.storeSession(session);
  }

  async deleteSession(id: string): Promise<boolean> {
    this.forget(id);
    return this.inner.deleteSession(id);
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    for (const id of ids) this.forget(id);
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    return this.inner.findSessionsByShop(shop);
  }

  private cacheable(): boolean {
    return !this.changes || this.changes.live;
  }

  private forget(id: string): void {
    this.entries.delete(id);
    this.generation++;
  }

  /** Subscribes on first use, so a process that never loads a session opens no listening connection. */
  private listen(): void {
    if (this.listening || !this.changes) return;
    this.listening = true;
    this.changes.listen({
      changed: (id) => this.forget(id),
      reset: () => {
        this.entries.clear();
        this.generation++;
      },
    });
  }
}
