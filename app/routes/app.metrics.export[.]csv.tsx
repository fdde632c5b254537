import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { parseDashboardQuery } from "~/services/metrics/dashboard-query";
import { dashboardCsv, dashboardPanels, today } from "~/services/metrics/dashboard.server";
import { shopTimeZone } from "~/services/metrics/refresh.server";
import { services } from "~/services.server";
import { authenticate } from "~/shopify.server";

/** The metrics page's numbers as CSV, for the same query string (period, metrics, segment). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const timeZone = await shopTimeZone(prisma, session.shop);
  const parsed = parseDashboardQuery(new URL(request.url).searchParams, today(services().now(), timeZone));
  if (!parsed.ok) return new Response(parsed.error, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const csv = dashboardCsv(parsed.query, await dashboardPanels(prisma, session.shop, parsed.query));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="metrics-${parsed.query.fromDay}-${parsed.query.toDay}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
