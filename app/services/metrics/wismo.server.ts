/**
 * WISMO contacts: staff record "the customer asked where the order is" on the order page, or import
 * a helpdesk's CSV. An import changes nothing unless every row is good; a ticket id already
 * imported (or repeated in the file) is skipped. The next metrics refresh counts them.
 */
import { parseWismoCsv, WISMO_CHANNELS, type WismoChannel, type WismoCsvProblem } from "~/domain/metrics/wismo-csv";
import { importContacts, knownTicketIds, ordersByName, recordContact } from "~/models/metrics-wismo.server";
import type { JobServices } from "~/services/deps";

type WismoServices = Pick<JobServices, "db" | "now">;

export type WismoImportResult =
  | { readonly ok: true; readonly imported: number; readonly duplicates: number }
  | { readonly ok: false; readonly error: string; readonly problems: readonly WismoCsvProblem[] };

/** Imports a helpdesk CSV: all of its contacts, or none when a row is wrong. */
export async function importWismoCsv(services: WismoServices, shop: string, text: string): Promise<WismoImportResult> {
  const parsed = parseWismoCsv(text, services.now().getTime());
  if ("error" in parsed) return { ok: false, error: parsed.error, problems: [] };
  const orders = await ordersByName(services.db, shop, [...new Set(parsed.rows.map((r) => r.orderName))]);
  const problems = [...parsed.problems];
  for (const row of parsed.rows) if (!orders.has(row.orderName)) problems.push({ line: row.line, problem: `No order ${row.orderName} in this shop.` });
  if (problems.length > 0) {
    return { ok: false, error: `Nothing was imported: ${problems.length} row(s) need fixing.`, problems: problems.sort((a, b) => a.line - b.line) };
  }
  const known = await knownTicketIds(
    services.db,
    shop,
    parsed.rows.flatMap((r) => (r.ticketId ? [r.ticketId] : [])),
  );
  const fresh = parsed.rows.filter((r) => r.ticketId === null || !known.has(r.ticketId));
  await importContacts(
    services.db,
    shop,
    fresh.map((r) => {
      const order = orders.get(r.orderName)!;
      return {
        orderId: order.id,
        orderName: order.name,
        contactedAt: new Date(r.contactedAtMs),
        channel: r.channel,
        ticketId: r.ticketId,
        source: "csv" as const,
      };
    }),
  );
  return { ok: true, imported: fresh.length, duplicates: parsed.repeated + (parsed.rows.length - fresh.length) };
}

/** Staff record that the customer asked where this order is (now, through `channel`). */
export async function recordWismoContact(
  services: WismoServices,
  shop: string,
  order: { id: string; name: string },
  channel: string,
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!(WISMO_CHANNELS as readonly string[]).includes(channel)) return { ok: false, error: `Choose how the customer asked: ${WISMO_CHANNELS.join(", ")}.` };
  await recordContact(services.db, shop, {
    orderId: order.id,
    orderName: order.name,
    contactedAt: services.now(),
    channel: channel as WismoChannel,
    ticketId: null,
    source: "staff",
  });
  return { ok: true };
}
