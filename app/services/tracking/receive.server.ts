/** One pushed carrier delivery: authenticate with the shop's secret, store every event, report. */
import type { JobServices } from "~/services/deps";
import { webhookPushSource, type CarrierEventSource, type InboundDelivery } from "./carrier-source";
import { ingestCarrierEvents } from "./events.server";

export async function receiveCarrierDelivery(
  services: JobServices,
  delivery: InboundDelivery,
  source: CarrierEventSource = webhookPushSource,
): Promise<{ status: number; body: unknown }> {
  if (!source.receive) return { status: 404, body: { error: `${source.name} does not accept pushes` } };
  const secretFor = async (shop: string) => {
    const row = await services.db.trackingSettings.findUnique({ where: { shop } });
    const installed = await services.db.shop.findFirst({ where: { domain: shop, uninstalledAt: null }, select: { domain: true } });
    return row && installed ? row.carrierEventSecret : null;
  };
  const result = await source.receive(delivery, secretFor);
  if (!result.ok) return { status: result.failure.status, body: { error: result.failure.message } };
  const { shop, events, rejected } = result.value;
  const received = await ingestCarrierEvents(services, shop, events, source.name);
  return { status: 202, body: { received, rejected } };
}
