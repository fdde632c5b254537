/** Target customer-account.order-status.block.render. */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { OrderTracking } from "./OrderTracking";

export default async () => {
  render(<OrderTracking />, document.body);
};
