/** Target purchase.thank-you.block.render: the same estimate once the order is placed. */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { DeliveryPromise } from "./DeliveryPromise";

export default async () => {
  render(<DeliveryPromise surface="thank_you" />, document.body);
};
