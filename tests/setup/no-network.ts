/**
 * Every test runs with the network closed except loopback. Any other outbound connection
 * (fetch, http, raw sockets) throws, so a test that would quietly reach Shopify or the
 * internet fails loudly instead. tests/unit/no-network.test.ts proves the guard works.
 */
import net from "node:net";
import { isLoopbackHost, NetworkBlockedError } from "./loopback";

const originalConnect = net.Socket.prototype.connect;

function targetHost(rawArgs: unknown[]): string | undefined {
  // net.connect() hands Socket#connect its already-normalised [options, callback] array.
  const args = Array.isArray(rawArgs[0]) ? (rawArgs[0] as unknown[]) : rawArgs;
  const [first] = args;
  if (typeof first === "object" && first !== null) {
    const opts = first as { host?: string; path?: string };
    if (opts.path) return "localhost"; // unix socket: local by definition
    return opts.host ?? "localhost";
  }
  if (typeof first === "number") return typeof args[1] === "string" ? args[1] : "localhost";
  if (typeof first === "string") return "localhost"; // unix socket path
  return undefined;
}

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = targetHost(args);
  if (host !== undefined && !isLoopbackHost(host)) {
    throw new NetworkBlockedError(host);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalFetch = globalThis.fetch;
globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  if (!isLoopbackHost(url.hostname)) throw new NetworkBlockedError(url.hostname);
  return originalFetch(input, init);
};
