import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { demoNotFound, demoRefusal, launchUrl, mintSessionToken } from "~/demo/demo.server";
import { env } from "~/env.server";

/** DEMO ONLY: /demo?shop=…&to=/app/… mints a session token and opens the embedded admin. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (demoRefusal()) return demoNotFound();
  const url = new URL(request.url);
  const shop = url.searchParams.get("shop") ?? process.env.DROPLINE_DEMO_SHOP ?? "dropline-demo.myshopify.com";
  const to = url.searchParams.get("to") ?? "/app";
  if (!to.startsWith("/app")) return new Response("`to` must be an /app path", { status: 400 });
  const config = env();
  const token = mintSessionToken(shop, { apiKey: config.SHOPIFY_API_KEY, apiSecret: config.SHOPIFY_API_SECRET });
  return redirect(launchUrl(to, shop, token));
}
