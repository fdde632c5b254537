import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { exportOffersCsv } from "~/services/offers/offers-csv.server";
import { authenticate } from "~/shopify.server";

/** The shop's offers as CSV, in the columns the import reads (optionally one supplier's). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const supplierId = new URL(request.url).searchParams.get("supplierId") ?? undefined;
  const csv = await exportOffersCsv(prisma, session.shop, { supplierId });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="offers.csv"',
      "Cache-Control": "no-store",
    },
  });
}
