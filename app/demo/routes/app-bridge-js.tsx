import { APP_BRIDGE_STANDIN_JS } from "~/demo/app-bridge-standin";
import { demoNotFound, demoRefusal } from "~/demo/demo.server";

/** DEMO ONLY: serves the local App Bridge stand-in script. */
export async function loader() {
  if (demoRefusal()) return demoNotFound();
  return new Response(APP_BRIDGE_STANDIN_JS, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
}
