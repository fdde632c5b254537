import prisma from "~/db.server";

/** Liveness + database reachability, for load balancers and the demo launcher. */
export async function loader() {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return new Response("ok", { headers: { "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503 });
  }
}
