import { describe, expect, it } from "vitest";
import { entryStub, HARD_LIMIT_BYTES, measureBundle, targetModules, TARGET_GZIP_BYTES } from "../bundle-size";

describe("the built extension", () => {
  it("bundles both targets under Shopify's 64 KB limit with no network API in it", async () => {
    const { code, gzipBytes, rawBytes } = await measureBundle();
    expect(gzipBytes).toBeLessThan(HARD_LIMIT_BYTES);
    expect(rawBytes).toBeGreaterThan(gzipBytes);
    // Issue 18 item 9: the checkout extension stays within 20 KB gzip as the promise engine grows.
    expect(gzipBytes).toBeLessThanOrEqual(TARGET_GZIP_BYTES);
    expect(code).toContain("purchase.checkout.shipping-option-list.render-after");
    expect(code).toContain("purchase.thank-you.block.render");
    expect(code).not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket|sendBeacon)\b/);
  });

  it("reads the targets from the toml the way the CLI registers them", () => {
    const toml = `api_version = "2026-04"\n[[extensions]]\nname = "x"\n[[extensions.targeting]]\nmodule = "./src/A.tsx"\ntarget = "a.render"\n\n[extensions.capabilities]\nnetwork_access = false\n[[extensions.targeting]]\ntarget = "b.render"\nmodule = "./src/B.tsx"\n`;
    const targets = targetModules(toml);
    expect(targets).toEqual([
      { target: "a.render", module: "./src/A.tsx" },
      { target: "b.render", module: "./src/B.tsx" },
    ]);
    expect(entryStub(targets)).toBe(
      "import Target_0 from './src/A.tsx';shopify.extend('a.render', (...args) => Target_0(...args));\n" +
        "import Target_1 from './src/B.tsx';shopify.extend('b.render', (...args) => Target_1(...args));",
    );
  });
});
