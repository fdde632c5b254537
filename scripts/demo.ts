/**
 * `npm run demo`: the demo store on http://localhost:3000 with no Shopify account and no network.
 * Open the printed /demo URL in a browser.
 */
import { startDemo } from "./demo/start";
import type { DemoHistoryOptions } from "./demo/history";

/** DROPLINE_DEMO_HISTORY_DAYS (0: none) and DROPLINE_DEMO_HISTORY_ORDERS_PER_DAY ("8-15") size the replayed past. */
function historyFromEnv(env: NodeJS.ProcessEnv): DemoHistoryOptions | false {
  const days = env.DROPLINE_DEMO_HISTORY_DAYS === undefined ? undefined : Number(env.DROPLINE_DEMO_HISTORY_DAYS);
  if (days !== undefined && !(Number.isInteger(days) && days >= 0)) throw new Error("DROPLINE_DEMO_HISTORY_DAYS must be a whole number of days (0 for none)");
  if (days === 0) return false;
  const range = env.DROPLINE_DEMO_HISTORY_ORDERS_PER_DAY;
  const match = range === undefined ? null : /^(\d+)-(\d+)$/.exec(range);
  if (range !== undefined && (!match || Number(match[1]) > Number(match[2]) || Number(match[2]) === 0)) {
    throw new Error('DROPLINE_DEMO_HISTORY_ORDERS_PER_DAY must look like "8-15" (fewest-most orders on a weekday)');
  }
  return { ...(days ? { days } : {}), ...(match ? { ordersPerDay: { min: Number(match[1]), max: Number(match[2]) } } : {}) };
}

async function main() {
  const demo = await startDemo({
    port: Number(process.env.PORT ?? 3000),
    fakePort: Number(process.env.FAKE_SHOPIFY_PORT ?? 4010),
    history: historyFromEnv(process.env),
  });
  const line = "─".repeat(72);
  console.log(`\n${line}\nDropline demo is running.\n`);
  console.log(`  Open the embedded admin:  ${demo.launchUrl}`);
  console.log(`  Fake Shopify Admin API:   ${demo.fake.url}/admin/api/2026-04/graphql.json`);
  console.log(`  Webhooks accepted at:     ${demo.appUrl}/webhooks/<topic>  (HMAC secret: SHOPIFY_API_SECRET, default "${demo.apiSecret}")`);
  console.log(`  Place another order:      curl -X POST ${demo.fake.url}/__fake/createOrder -d @order.json`);
  console.log(
    `  Shopify access:           expiring offline tokens (${process.env.DROPLINE_DEMO_TOKEN_LIFETIME_SECONDS ?? 120} s here, an hour on Shopify), refreshed by the worker — see Webhook inbox → Access to Shopify`,
  );
  console.log(`  Mail the demo sent:       ${demo.mailUrl}  (customer notices, purchase orders; a local SMTP sink)`);
  console.log(`  A product page:           ${demo.appUrl}/demo/storefront  (the delivery-promise app block, as a theme shows it)`);
  for (const link of demo.portalLinks) console.log(`  Supplier portal (${link.supplier}):\n    ${link.url}`);
  console.log(`\nPress Ctrl-C to stop.\n${line}\n`);
  const shutdown = async () => {
    await demo.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
