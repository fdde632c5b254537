/**
 * A supplier's system POSTs its stock feed here, signed with the feed's push secret (not under
 * /app: no Shopify session; the HMAC is the authentication). Contract: docs/stock-feed-push.md.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { receivePush } from "~/services/stock/push.server";
import { services } from "~/services.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const s = services();
  const limited = await s.publicLimiter.check(request, "push", params.feedId ?? null);
  if (limited) return limited;
  const outcome = await receivePush({ db: prisma, now: () => new Date(), queue: s.queue, maxBytes: s.bodyLimits.feed }, params.feedId ?? "", request);
  return Response.json(outcome.body, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ error: "POST the feed to this URL." }, { status: 405 });
}
