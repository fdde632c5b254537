import { afterEach, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

type Loader = (args: { request: Request; params: object; context: object }) => Promise<Response>;
const load = async (route: string, url: string) => {
  const mod = (await import(`../../app/demo/routes/${route}.tsx`)) as { loader: Loader };
  return mod.loader({ request: new Request(url), params: {}, context: {} });
};

afterEach(() => {
  process.env.NODE_ENV = "test";
  process.env.DROPLINE_DEMO = "0";
});

describe("the demo module is a skeleton key, so it is locked outside demo mode", () => {
  it("answers 404 on every demo route when DROPLINE_DEMO is off", async () => {
    expect((await load("launch", "http://localhost/demo")).status).toBe(404);
    expect((await load("token", "http://localhost/demo/token?shop=a.myshopify.com")).status).toBe(404);
    expect((await load("app-bridge-js", "http://localhost/demo/app-bridge.js")).status).toBe(404);
  });

  it("refuses to mint tokens or serve demo routes under NODE_ENV=production even with DROPLINE_DEMO=1", async () => {
    process.env.DROPLINE_DEMO = "1";
    process.env.NODE_ENV = "production";
    const { mintSessionToken, demoRefusal } = await import("../../app/demo/demo.server");
    expect(demoRefusal()).toBe("NODE_ENV is production");
    expect(() => mintSessionToken("a.myshopify.com", { apiKey: "k", apiSecret: "s" })).toThrow(/Demo mode is disabled/);
    expect((await load("token", "http://localhost/demo/token?shop=a.myshopify.com")).status).toBe(404);
  });

  it("mints a token the Shopify library accepts when demo mode is on", async () => {
    process.env.DROPLINE_DEMO = "1";
    const response = await load("token", "http://localhost/demo/token?shop=a.myshopify.com");
    const { token } = (await response.json()) as { token: string };
    await import("@shopify/shopify-api/adapters/node");
    const { shopifyApi, ApiVersion } = await import("@shopify/shopify-api");
    const api = shopifyApi({
      apiKey: TEST_API_KEY,
      apiSecretKey: TEST_API_SECRET,
      apiVersion: ApiVersion.April26,
      hostName: "localhost",
      isEmbeddedApp: true,
      logger: { level: 0 },
    });
    const payload = await api.session.decodeSessionToken(token);
    expect(payload.dest).toBe("https://a.myshopify.com");
  });

  it("the demo launcher refuses to start in production", async () => {
    process.env.NODE_ENV = "production";
    const { startDemo } = await import("../../scripts/demo/start");
    await expect(startDemo({ placeOrders: false })).rejects.toThrow(/refuses to run with NODE_ENV=production/);
  });
});
