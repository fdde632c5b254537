import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { customerExportCsv } from "~/domain/privacy/export";
import { dataRequestExport, markExportDownloaded } from "~/models/customer-data.server";
import { authenticate } from "~/shopify.server";

/** A data request's export, as JSON or (?format=csv) CSV; only the shop's own, only once ready. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const id = params.id ?? "";
  const data = await dataRequestExport(prisma, session.shop, id);
  if (!data) return new Response("No export for that request (it may not be ready yet, or was erased since).", { status: 404 });
  await markExportDownloaded(prisma, session.shop, id, new Date());
  const csv = new URL(request.url).searchParams.get("format") === "csv";
  const name = `customer-data-${id}.${csv ? "csv" : "json"}`;
  return new Response(csv ? customerExportCsv(data) : JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
