import prisma from "~/db.server";
import { env } from "~/env.server";
import { AdminClient, httpTransport } from "./client.server";

export class ShopNotConnectedError extends Error {
  constructor(shop: string) {
    super(`No offline access token for ${shop}: the app is not installed there (or was uninstalled).`);
    this.name = "ShopNotConnectedError";
  }
}

/** The Admin API client for background work on a shop, from its stored offline session. */
export async function adminClientFor(shop: string): Promise<AdminClient> {
  const session = await prisma.session.findFirst({ where: { shop, isOnline: false }, select: { accessToken: true } });
  if (!session) throw new ShopNotConnectedError(shop);
  const origin = env().SHOPIFY_ADMIN_API_ORIGIN;
  return new AdminClient(httpTransport({ shop, accessToken: session.accessToken, ...(origin ? { origin } : {}) }), { shop });
}
