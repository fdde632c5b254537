import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleThemeScript, gzipBytes, THEME_SCRIPT_GZIP_LIMIT } from "../build";
import { ASSET_FILE } from "./liquid-test-support";

describe("the product page's script (assets/delivery-promise.js)", () => {
  it("is the bundle of the current source: run `npm run build:theme` after changing it or the promise code", async () => {
    const fresh = await bundleThemeScript();
    expect(fs.readFileSync(ASSET_FILE, "utf8") === fresh, "assets/delivery-promise.js is stale: npm run build:theme").toBe(true);
  });

  it(`stays within ${THEME_SCRIPT_GZIP_LIMIT / 1024} KB gzip and calls no server`, async () => {
    const code = await bundleThemeScript();
    expect(gzipBytes(code)).toBeLessThanOrEqual(THEME_SCRIPT_GZIP_LIMIT);
    expect(code).not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket|sendBeacon|EventSource)\b/);
    expect(code).toContain("dropline-delivery-promise");
  });
});
