/** The asset's entry: assets/delivery-promise.js is this file bundled (build.ts). */
import { defineDeliveryPromise } from "./element";

defineDeliveryPromise();
