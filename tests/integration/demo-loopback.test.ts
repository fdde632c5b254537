/** Issue 16, finding 7: the demo server (scripts/demo/serve.ts) binds the loopback interface only. */
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { DEMO_LISTEN_HOST, listenOnLoopback, listeningPort } from "../../scripts/demo/loopback";

describe("the demo's listener", () => {
  it("binds 127.0.0.1, not every interface", async () => {
    const server = await listenOnLoopback((_req, res) => res.end("ok"), 0);
    try {
      expect(DEMO_LISTEN_HOST).toBe("127.0.0.1");
      expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
      expect(await (await fetch(`http://127.0.0.1:${listeningPort(server)}/`)).text()).toBe("ok");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("rejects when the port is taken instead of hanging", async () => {
    const first = await listenOnLoopback((_req, res) => res.end(), 0);
    try {
      await expect(listenOnLoopback((_req, res) => res.end(), listeningPort(first))).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((resolve) => first.close(resolve));
    }
  });
});
