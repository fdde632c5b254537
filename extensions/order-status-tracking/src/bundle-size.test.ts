import path from "node:path";
import { describe, expect, it } from "vitest";
import { HARD_LIMIT_BYTES, measureBundle, TARGET_GZIP_BYTES } from "../../delivery-promise/bundle-size";

describe("the built order-status extension", () => {
  it("bundles under Shopify's 64 KB limit with no network API and no zod in it", async () => {
    const { code, gzipBytes } = await measureBundle(path.resolve(__dirname, ".."));
    expect(gzipBytes).toBeLessThan(HARD_LIMIT_BYTES);
    // Issue 18 item 9: within 20 KB gzip.
    expect(gzipBytes).toBeLessThanOrEqual(TARGET_GZIP_BYTES);
    expect(code).toContain("customer-account.order-status.block.render");
    expect(code).not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket|sendBeacon)\b/);
    expect(code).not.toContain("ZodError");
  });
});
