/**
 * customers/redact: erases one customer's personal data from every table that holds it (issue 16,
 * finding 5). The rule of what goes and what stays is app/domain/privacy/redaction.ts.
 *
 * Two passes in one transaction: the fields known to hold the customer's data are cleared on the
 * rows of their orders; then every text column of every shop-scoped table (read from the
 * datamodel, so a table added later is included without anyone remembering to) has the customer's
 * identifying strings replaced. The second pass reads each text column of the shop once per
 * redaction: customers/redact is rare and runs in the background, so completeness wins over speed.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { customerNeedles, REDACTED, redactedShipTo, type AddressLike } from "~/domain/privacy/redaction";
import { ERASED_PAYLOAD } from "./inbox.server";

export interface RedactionRequest {
  /** Shopify's customer id (numeric or GID). */
  readonly customerId: string;
  readonly email: string | null;
  readonly phone: string | null;
  /** orders_to_redact (numeric ids or GIDs). */
  readonly orderIds: readonly string[];
}

export interface RedactionOutcome {
  readonly orders: number;
  readonly purchaseOrders: number;
  readonly webhookPayloads: number;
}

export function customerGid(id: string): string {
  return id.startsWith("gid://") ? id : `gid://shopify/Customer/${id}`;
}

export function orderGid(id: string): string {
  return id.startsWith("gid://") ? id : `gid://shopify/Order/${id}`;
}

/**
 * The customer's orders: by customer id and by the ids Shopify listed (orders_to_redact). Their
 * email and phone are then scrubbed wherever else they occur: they identify the person.
 */
export function customerOrdersWhere(shop: string, who: Pick<RedactionRequest, "customerId" | "orderIds">): Prisma.OrderWhereInput {
  return { shop, OR: [{ customerId: customerGid(who.customerId) }, { id: { in: who.orderIds.map(orderGid) } }] };
}

function parseJson(value: string | null): AddressLike | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null ? (parsed as AddressLike) : null;
  } catch {
    return null;
  }
}

/** Text columns of every model scoped by `shop` (primary-key columns excepted), as the database names them. */
export function shopTextColumns(): { table: string; columns: string[] }[] {
  return Prisma.dmmf.datamodel.models
    .filter((m) => m.fields.some((f) => f.name === "shop" && f.kind === "scalar"))
    .map((m) => ({
      table: m.dbName ?? m.name,
      columns: m.fields
        .filter((f) => f.kind === "scalar" && f.type === "String" && f.name !== "shop" && !f.isId && !(m.primaryKey?.fields ?? []).includes(f.name))
        .map((f) => f.dbName ?? f.name),
    }))
    .filter((t) => t.columns.length > 0);
}

const ident = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);
const likePattern = (needle: string) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One UPDATE per text column: every needle replaced, on the shop's rows that contain one. */
function scrubStatements(db: PrismaClient, shop: string, needles: readonly string[]): Prisma.PrismaPromise<number>[] {
  if (needles.length === 0) return [];
  return shopTextColumns().flatMap(({ table, columns }) =>
    columns.map((column) => {
      const col = ident(column);
      let replaced: Prisma.Sql = Prisma.sql`${col}`;
      for (const needle of needles) replaced = Prisma.sql`REPLACE(${replaced}, ${needle}, ${REDACTED})`;
      const matches = Prisma.join(
        needles.map((needle) => Prisma.sql`${col} LIKE ${likePattern(needle)} ESCAPE '\\'`),
        " OR ",
      );
      return db.$executeRaw`UPDATE ${ident(table)} SET ${col} = ${replaced} WHERE "shop" = ${shop} AND (${matches})`;
    }),
  );
}

/** customers/redact: erases the customer's personal data (idempotent: erasing twice is erasing once). */
export async function redactCustomer(db: PrismaClient, shop: string, who: RedactionRequest, now: Date): Promise<RedactionOutcome> {
  const orders = await db.order.findMany({ where: customerOrdersWhere(shop, who), select: { id: true, email: true, shipTo: true } });
  const orderIds = orders.map((o) => o.id);
  const pos = await db.purchaseOrder.findMany({ where: { shop, orderId: { in: orderIds } }, select: { id: true, shipTo: true, notes: true } });
  const shipments = await db.shipment.findMany({ where: { shop, orderId: { in: orderIds } }, select: { id: true } });
  const shipmentIds = shipments.map((s) => s.id);
  const needles = customerNeedles({
    emails: [who.email, ...orders.map((o) => o.email)],
    phones: [who.phone],
    addresses: [...orders.map((o) => parseJson(o.shipTo)), ...pos.map((p) => parseJson(p.shipTo))],
    notes: pos.map((p) => p.notes),
  });
  // Raw payloads that mention the orders or the customer go whole (billing address, customer
  // object, line properties…): only what the business keeps was ever copied out of them.
  const numericIds = orderIds.map((id) => id.split("/").pop()!).filter((n) => /^\d+$/.test(n));
  const payloadMentions: Prisma.WebhookEventWhereInput[] = [
    ...orderIds.map((id) => ({ payload: { contains: id } })),
    ...numericIds.flatMap((n) => [{ payload: { contains: `"order_id":${n}` } }, { payload: { contains: `"id":${n}` } }]),
    ...needles.map((needle) => ({ payload: { contains: needle } })),
  ];
  const customer = customerGid(who.customerId);

  const results = await db.$transaction([
    db.order.updateMany({ where: { shop, id: { in: orderIds } }, data: { email: null, shipTo: null, customerId: null, redactedAt: now } }),
    ...pos.map((po) =>
      db.purchaseOrder.updateMany({
        where: { shop, id: po.id },
        data: { shipTo: JSON.stringify(redactedShipTo(parseJson(po.shipTo) ?? {})), notes: null },
      }),
    ),
    db.customerNotice.updateMany({ where: { shop, orderId: { in: orderIds } }, data: { recipient: REDACTED, body: REDACTED } }),
    db.exceptionCase.updateMany({ where: { shop, orderId: { in: orderIds } }, data: { resolutionNote: null } }),
    // Carrier payloads can hold who signed and where it was left; the stage and times stay.
    db.carrierEvent.updateMany({ where: { shop, shipmentId: { in: shipmentIds } }, data: { payload: "{}" } }),
    db.dataRequest.updateMany({
      where: { shop, OR: [{ customerId: customer }, ...(who.email ? [{ email: who.email }] : [])] },
      data: { email: null, export: null, status: "redacted" },
    }),
    db.webhookEvent.updateMany({ where: { shop, payload: { not: ERASED_PAYLOAD }, OR: payloadMentions }, data: { payload: ERASED_PAYLOAD } }),
    // Finished jobs about the orders can carry what Shopify said of them (a routing job's read of
    // the fulfillment orders and their destination). Waiting and running jobs keep their payload.
    ...(orderIds.length > 0
      ? [
          db.job.updateMany({
            where: { shop, status: { in: ["succeeded", "dead", "cancelled"] }, OR: orderIds.map((id) => ({ payload: { contains: id } })) },
            data: { payload: "{}" },
          }),
        ]
      : []),
    ...scrubStatements(db, shop, needles),
  ]);
  return {
    orders: (results[0] as Prisma.BatchPayload).count,
    purchaseOrders: pos.length,
    webhookPayloads: (results[pos.length + 5] as Prisma.BatchPayload).count,
  };
}
