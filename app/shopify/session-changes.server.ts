import pg from "pg";

/** The channel the `Session` table's trigger notifies with the changed session's id (PostgreSQL migration 0032). */
export const SESSION_CHANGED_CHANNEL = "dropline_session_changed";

/** What a session cache hears about sessions changed anywhere in the deployment. */
export interface SessionChangeHandlers {
  /** The session with this id was stored, updated or deleted (by any process). */
  changed(id: string): void;
  /** Changes may have been missed (the feed just connected, or lost its connection): forget everything. */
  reset(): void;
}

/** A feed of session changes made by every process sharing the database. */
export interface SessionChanges {
  /** Starts delivering changes to `handlers` (once; later calls do nothing). */
  listen(handlers: SessionChangeHandlers): void;
  /** True while every change is delivered: a cache may keep entries only then. */
  readonly live: boolean;
  close(): Promise<void>;
}

/**
 * Session changes on PostgreSQL: one connection LISTENs on the channel a trigger on `Session`
 * notifies for every insert, update and delete — the library's session storage, the token keeper's
 * refresh, an uninstall's delete, from whichever process. Notifications are delivered at commit.
 * While the connection is down the feed is not live (a cache then reads through), and each
 * (re)connection resets, since what changed meanwhile was not heard.
 */
export class PostgresSessionChanges implements SessionChanges {
  private handlers: SessionChangeHandlers | undefined;
  private client: pg.Client | undefined;
  private connecting = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  live = false;

  constructor(
    private readonly url: string,
    private readonly retryMs = 1_000,
  ) {}

  listen(handlers: SessionChangeHandlers): void {
    if (this.handlers) return;
    this.handlers = handlers;
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** The backend process id of the listening connection (tests end it to simulate a lost connection). */
  async listenerPid(): Promise<number | null> {
    const client = this.client;
    if (!client) return null;
    return Number((await client.query("SELECT pg_backend_pid() AS pid")).rows[0]?.pid);
  }

  private async connect(): Promise<void> {
    if (this.closed || this.connecting || this.client) return;
    this.connecting = true;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on("notification", (message) => {
      if (message.channel === SESSION_CHANGED_CHANNEL && message.payload) this.handlers?.changed(message.payload);
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANGED_CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      // Like the retry timer, the listening socket alone must not keep a script or a test process alive.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      // Whatever changed before this connection listened was not heard.
      this.handlers?.reset();
      this.live = true;
    } catch (error) {
      console.warn("[sessions] could not listen for session changes; reading sessions through until it can", error);
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    } finally {
      this.connecting = false;
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.live = false;
    this.handlers?.reset();
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
  }
}
