/** Target purchase.checkout.shipping-option-list.render-after: the estimate under the shipping methods. */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { DeliveryPromise } from "./DeliveryPromise";

export default async () => {
  render(<DeliveryPromise surface="checkout" />, document.body);
};
