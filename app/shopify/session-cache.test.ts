import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { describe, expect, it } from "vitest";
import { CachedSessionStorage } from "./session-cache.server";
import type { SessionChangeHandlers, SessionChanges } from "./session-changes.server";

/** A session storage that counts its loads. */
function countingStorage() {
  const sessions = new Map<string, Session>();
  let loads = 0;
  const storage: SessionStorage = {
    async storeSession(s) {
      sessions.set(s.id, s);
      return true;
    },
    async loadSession(id) {
      loads += 1;
      return sessions.get(id);
    },
    async deleteSession(id) {
      return sessions.delete(id);
    },
    async deleteSessions(ids) {
      ids.forEach((id) => sessions.delete(id));
      return true;
    },
    async findSessionsByShop(shop) {
      return [...sessions.values()].filter((s) => s.shop === shop);
    },
  };
  return { storage, sessions, loads: () => loads };
}

const offline = (token: string) => new Session({ id: "offline_a.myshopify.com", shop: "a.myshopify.com", state: "s", isOnline: false, accessToken: token });

describe("cached session storage", () => {
  it("answers repeated loads from memory until the entry is older than its time to live", async () => {
    const inner = countingStorage();
    inner.sessions.set("offline_a.myshopify.com", offline("t1"));
    let now = 0;
    const cache = new CachedSessionStorage(inner.storage, 10_000, () => new Date(now));
    expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
    await cache.loadSession("offline_a.myshopify.com");
    expect(inner.loads()).toBe(1);
    // Another process replaced the session: seen once the entry expires.
    inner.sessions.set("offline_a.myshopify.com", offline("t2"));
    now = 10_001;
    expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t2");
    expect(inner.loads()).toBe(2);
  });

  it("remembers that a shop has no session (deliveries after an uninstall do not each hit the database)", async () => {
    const inner = countingStorage();
    const cache = new CachedSessionStorage(inner.storage, 10_000, () => new Date(0));
    expect(await cache.loadSession("offline_gone.myshopify.com")).toBeUndefined();
    expect(await cache.loadSession("offline_gone.myshopify.com")).toBeUndefined();
    expect(inner.loads()).toBe(1);
  });

  it("drops an entry at once when this process stores or deletes that session", async () => {
    const inner = countingStorage();
    const cache = new CachedSessionStorage(inner.storage, 10_000, () => new Date(0));
    expect(await cache.loadSession("offline_a.myshopify.com")).toBeUndefined();
    await cache.storeSession(offline("fresh"));
    expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("fresh");
    await cache.deleteSession("offline_a.myshopify.com");
    expect(await cache.loadSession("offline_a.myshopify.com")).toBeUndefined();
    await cache.storeSession(offline("again"));
    await cache.loadSession("offline_a.myshopify.com");
    await cache.deleteSessions(["offline_a.myshopify.com"]);
    expect(await cache.loadSession("offline_a.myshopify.com")).toBeUndefined();
  });

  describe("with a change feed (PostgreSQL's LISTEN/NOTIFY)", () => {
    /** A feed the test drives: `hear(id)` is another process's change arriving. */
    function feed(live = true) {
      let handlers: SessionChangeHandlers | undefined;
      const changes: SessionChanges & { live: boolean } = {
        live,
        listen: (h) => void (handlers ??= h),
        close: async () => undefined,
      };
      return { changes, hear: (id: string) => handlers?.changed(id), reset: () => handlers?.reset() };
    }

    it("drops an entry as soon as another process's change to that session is heard, long before its time to live", async () => {
      const inner = countingStorage();
      inner.sessions.set("offline_a.myshopify.com", offline("t1"));
      const { changes, hear } = feed();
      const cache = new CachedSessionStorage(inner.storage, 600_000, () => new Date(0), changes);
      expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
      expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
      expect(inner.loads()).toBe(1);
      inner.sessions.set("offline_a.myshopify.com", offline("t2"));
      hear("offline_a.myshopify.com");
      expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t2");
      expect(inner.loads()).toBe(2);
    });

    it("caches nothing while the feed is not live, and forgets everything when it reconnects", async () => {
      const inner = countingStorage();
      inner.sessions.set("offline_a.myshopify.com", offline("t1"));
      const { changes, reset } = feed(false);
      const cache = new CachedSessionStorage(inner.storage, 600_000, () => new Date(0), changes);
      await cache.loadSession("offline_a.myshopify.com");
      await cache.loadSession("offline_a.myshopify.com");
      expect(inner.loads()).toBe(2);
      changes.live = true;
      await cache.loadSession("offline_a.myshopify.com");
      await cache.loadSession("offline_a.myshopify.com");
      expect(inner.loads()).toBe(3);
      // The connection dropped and came back: changes made meanwhile were not heard.
      inner.sessions.set("offline_a.myshopify.com", offline("t2"));
      reset();
      expect((await cache.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t2");
    });

    it("does not cache a load that a change overtook (it may have read the row before the change)", async () => {
      const inner = countingStorage();
      inner.sessions.set("offline_a.myshopify.com", offline("old"));
      const { changes, hear } = feed();
      let release: () => void = () => undefined;
      const slow: SessionStorage = {
        ...inner.storage,
        loadSession: async (id) => {
          const session = await inner.storage.loadSession(id);
          await new Promise<void>((resolve) => (release = resolve));
          return session;
        },
      };
      const cache = new CachedSessionStorage(slow, 600_000, () => new Date(0), changes);
      const loading = cache.loadSession("offline_a.myshopify.com");
      await new Promise((resolve) => setImmediate(resolve));
      inner.sessions.set("offline_a.myshopify.com", offline("new"));
      hear("offline_a.myshopify.com");
      release();
      expect((await loading)?.accessToken).toBe("old");
      const next = cache.loadSession("offline_a.myshopify.com");
      await new Promise((resolve) => setImmediate(resolve));
      release();
      expect((await next)?.accessToken).toBe("new");
    });
  });
});
