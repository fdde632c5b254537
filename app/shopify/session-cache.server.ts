import type { Clock } from "~/domain/clock";
import type { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";

interface Entry {
  readonly session: Session | undefined;
  readonly until: number;
}

/**
 * Read-through cache in front of the app's session storage. `authenticate.webhook` loads the
 * shop's offline session on every delivery; through Prisma that costs more than storing the event
 * itself. Writes and deletes made in this process go through and drop the entry at once; a change
 * made by another process (the worker removing sessions on app/uninstalled) is seen within `ttlMs`.
 * Absent sessions are cached too, so deliveries for an uninstalled shop do not each hit the
 * database.
 */
export class CachedSessionStorage implements SessionStorage {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly inner: SessionStorage,
    private readonly ttlMs = 10_000,
    private readonly now: Clock = () => new Date(),
  ) {}

  async loadSession(id: string): Promise<Session | undefined> {
    const hit = this.entries.get(id);
    if (hit && hit.until > this.now().getTime()) return hit.session;
    const session = await this.inner.loadSession(id);
    this.entries.set(id, { session, until: this.now().getTime() + this.ttlMs });
    return session;
  }

  async storeSession(session: Session): Promise<boolean> {
    this.entries.delete(session.id);
    return this.inner.storeSession(session);
  }

  async deleteSession(id: string): Promise<boolean> {
    this.entries.delete(id);
    return this.inner.deleteSession(id);
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    for (const id of ids) this.entries.delete(id);
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    return this.inner.findSessionsByShop(shop);
  }
}
