/**
 * Shared by the playbook integration tests: a fulfilled order with an open "lost" case, the
 * app's services, and a staff request for a playbook action.
 */
import { TEST_SHOP } from "./app-env";
import type { World } from "./coordination";
import { driveOrderToFulfilled } from "./pipeline";

export type Services = import("../../app/services.server").AppServices;

export const services = async (): Promise<Services> => (await import("../../app/services.server")).services();

/** A fulfilled order whose shipment the carrier lost, with its open "lost" case. */
export async function lostParcelCase(world: World, variantId: string, quantity = 1): Promise<{ caseId: string; orderId: string }> {
  const run = await driveOrderToFulfilled(world, [{ variantId, quantity }]);
  const shipment = await world.db.shipment.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: run.orderId } });
  const row = await world.db.exceptionCase.create({
    data: {
      shop: TEST_SHOP,
      subjectId: `shipment:${shipment.id}`,
      type: "lost",
      orderId: run.orderId,
      orderName: shipment.orderName,
      supplierId: shipment.supplierId,
      openedReason: "The carrier reports the parcel lost",
      suggestedActions: "[]",
      openedAt: new Date(),
    },
  });
  return { caseId: row.id, orderId: run.orderId };
}

type ActionRequest = import("../../app/services/playbook/request").ActionRequest;

/** What staff get back when they confirm `request` on these cases. */
export async function requestOnly(caseIds: string[], request: ActionRequest) {
  const { requestCaseActions } = await import("../../app/services/playbook/request.server");
  return requestCaseActions(await services(), TEST_SHOP, "staff@example.com", caseIds, request);
}
