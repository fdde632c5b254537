/** DEMO ONLY: /demo/storefront shows a demo product page with the delivery-promise app block (404 outside demo mode). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { demoNotFound, demoRefusal } from "~/demo/demo.server";
import { demoProductPage, storefrontQuery } from "~/demo/storefront.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (demoRefusal()) throw demoNotFound();
  const html = await demoProductPage(prisma, storefrontQuery(new URL(request.url)));
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
