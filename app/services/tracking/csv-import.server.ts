/** CSV uploads from the admin: each shipment goes through the same intake as the portal and API. */
import type { JobServices } from "~/services/deps";
import { parseCarrierEventsCsv, parseTrackingCsv } from "~/domain/tracking/csv";
import { ingestCarrierEvents } from "./events.server";
import { recordSupplierShipment } from "./intake.server";

/** One line of the per-row report. */
export interface CsvRowReport {
  readonly rows: number[];
  readonly label: string;
  readonly ok: boolean;
  readonly message: string;
}

export type CsvImportResult = { error: string } | { reports: CsvRowReport[] };

async function resolveOrderId(services: JobServices, shop: string, order: string): Promise<string | null> {
  if (order.startsWith("gid://shopify/Order/")) return order;
  const name = order.startsWith("#") ? order : `#${order}`;
  const known = await services.db.order.findFirst({ where: { shop, name }, select: { id: true } });
  if (known) return known.id;
  const po = await services.db.purchaseOrder.findFirst({ where: { shop, orderName: name }, select: { orderId: true } });
  return po?.orderId ?? null;
}

async function resolveSupplierId(services: JobServices, shop: string, supplier: string): Promise<string | null> {
  const row = await services.db.supplier.findFirst({ where: { shop, OR: [{ id: supplier }, { name: supplier }] }, select: { id: true } });
  return row?.id ?? null;
}

export async function importTrackingCsv(services: JobServices, shop: string, text: string): Promise<CsvImportResult> {
  const parsed = parseTrackingCsv(text);
  if ("error" in parsed) return parsed;
  const reports: CsvRowReport[] = parsed.problems.map((p) => ({ rows: [p.row], label: "", ok: false, message: p.problem }));
  for (const s of parsed.shipments) {
    const label = `${s.order} · ${s.trackingNumbers.join(", ")}`;
    const [orderId, supplierId] = [await resolveOrderId(services, shop, s.order), await resolveSupplierId(services, shop, s.supplier)];
    if (!orderId) reports.push({ rows: s.rows, label, ok: false, message: `Unknown order ${s.order}.` });
    else if (!supplierId) reports.push({ rows: s.rows, label, ok: false, message: `Unknown supplier ${s.supplier}.` });
    else {
      const result = await recordSupplierShipment(services, shop, {
        supplierId,
        orderId,
        trackingNumbers: s.trackingNumbers,
        ...(s.carrier ? { carrier: s.carrier } : {}),
        ...(s.url ? { url: s.url } : {}),
        ...(s.lines.length > 0 ? { lines: s.lines } : {}),
        source: "csv",
      });
      reports.push({ rows: s.rows, label, ok: result.ok, message: result.ok ? result.value.message : result.failure.message });
    }
  }
  return { reports: reports.sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0)) };
}

export async function importCarrierEventsCsv(services: JobServices, shop: string, text: string): Promise<CsvImportResult> {
  const parsed = parseCarrierEventsCsv(text);
  if ("error" in parsed) return parsed;
  const receipts = await ingestCarrierEvents(
    services,
    shop,
    parsed.events.map((e) => e.event),
    "csv",
  );
  const reports: CsvRowReport[] = [
    ...parsed.problems.map((p) => ({ rows: [p.row], label: "", ok: false, message: p.problem })),
    ...receipts.map((r, i) => ({ rows: [parsed.events[i]!.row], label: r.trackingNumber, ok: r.outcome === "accepted", message: r.reason })),
  ];
  return { reports: reports.sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0)) };
}
