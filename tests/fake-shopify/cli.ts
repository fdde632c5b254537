/**
 * Runs the fake Shopify Admin API as its own process for the demo and the benchmark:
 *   npx tsx tests/fake-shopify/cli.ts --port 4010 --app-url http://localhost:3000 --secret X
 * It seeds nothing; seed through POST /__fake/seedShop etc. (see README.md).
 */
import { parseArgs } from "node:util";
import { startFakeShopify } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    "app-url": { type: "string" },
    secret: { type: "string" },
    "duplicate-rate": { type: "string", default: "0" },
    shuffle: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    "bucket-size": { type: "string", default: "2000" },
    "restore-rate": { type: "string", default: "100" },
    "allow-callback-host": { type: "string", multiple: true, default: [] },
  },
});

function number(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${raw}`);
  return n;
}

if (!values.secret) {
  console.error("fake-shopify: --secret is required (the app's API secret, used to sign webhooks)");
  process.exit(2);
}

const fake = await startFakeShopify({
  port: number("port", values.port),
  bucketSize: number("bucket-size", values["bucket-size"]),
  restoreRate: number("restore-rate", values["restore-rate"]),
  webhooks: {
    ...(values["app-url"] ? { baseUrl: values["app-url"] } : {}),
    apiSecret: values.secret,
    duplicateRate: number("duplicate-rate", values["duplicate-rate"]),
    shuffle: values.shuffle,
    seed: number("seed", values.seed),
  },
  fulfillmentServices: { allowedCallbackHosts: values["allow-callback-host"] },
});

console.log(`fake-shopify listening on ${fake.url} (GraphQL: ${fake.graphqlUrl}; control: ${fake.url}/__fake/*)`);

const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
