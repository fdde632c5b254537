import http from "node:http";
import type { AddressInfo } from "node:net";

/** The demo mints session tokens for anyone who reaches it: it listens on this machine only (issue 16, finding 7). */
export const DEMO_LISTEN_HOST = "127.0.0.1";

/** Starts an HTTP server bound to the loopback interface only; resolves once it listens. */
export function listenOnLoopback(handler: http.RequestListener, port: number): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler);
    server.once("error", reject);
    server.listen(port, DEMO_LISTEN_HOST, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/** The port a listening server got. */
export function listeningPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
