import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM beside the production server (no type declarations)
import { accessLogLine } from "../../server/access-log.mjs";
import { serverSideAckMs } from "../../bench/scale-measure";

const line = (url: string, ms: number, status = 200): string => accessLogLine({ method: "POST", url, status, contentLength: undefined, ms });

describe("scale benchmark: the web processes' own time per delivery", () => {
  it("reads the load's two topics from the production access log and nothing else", () => {
    const log = [
      "[dropline] listening on port 4000",
      line("/webhooks/orders/create", 3.25),
      line("/webhooks/fulfillment_orders/order_routing_complete", 12.5, 503),
      line("/webhooks/fulfillment_orders/moved", 99),
      line("/healthz", 1),
      "",
    ].join("\n");
    expect(serverSideAckMs(log)).toEqual([3.25, 12.5]);
  });
});
