import { env } from "~/env.server";
import { demoRefusal } from "./demo.server";

/** The App Bridge script URL for this process: the local stand-in in demo mode, Shopify's otherwise. */
export function appBridgeUrl(): string | undefined {
  return demoRefusal() === null ? `/demo/app-bridge.js?apiKey=${encodeURIComponent(env().SHOPIFY_API_KEY)}` : undefined;
}
