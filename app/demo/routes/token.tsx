import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { demoNotFound, demoRefusal, mintSessionToken } from "~/demo/demo.server";
import { env } from "~/env.server";

/** DEMO ONLY: a fresh session token for the stand-in App Bridge. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (demoRefusal()) return demoNotFound();
  const shop = new URL(request.url).searchParams.get("shop");
  if (!shop || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) {
    return json({ error: "shop must be a *.myshopify.com domain" }, { status: 400 });
  }
  const config = env();
  return json({ token: mintSessionToken(shop, { apiKey: config.SHOPIFY_API_KEY, apiSecret: config.SHOPIFY_API_SECRET }) });
}
