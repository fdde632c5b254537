/**
 * `npm run demo`: the demo store on http://localhost:3000 with no Shopify account and no network.
 * Open the printed /demo URL in a browser.
 */
import { startDemo } from "./demo/start";

async function main() {
  const demo = await startDemo({ port: Number(process.env.PORT ?? 3000), fakePort: Number(process.env.FAKE_SHOPIFY_PORT ?? 4010) });
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
