/**
 * `<dropline-delivery-promise>`: the app block's custom element. It reads the JSON the block's
 * Liquid rendered, follows the product form's variant the way Online Store 2.0 themes change it
 * (the form's `id` input changing, `variant:change`-style events, `?variant=` in the URL) and
 * writes the window into a live region whose space the block's CSS reserves. A custom element, so
 * a theme that re-renders the section (as Dawn does on variant change) gets a fresh one wired up.
 */
import { carrierHolidays, destinationCalendar, parsePayload, payloadLocale, sendsLateNotices, translator, variantData, type BlockPayload } from "./payload";
import { storefrontView } from "./storefront-view";

export const TAG = "dropline-delivery-promise";

/** Custom events themes dispatch on a variant change; `detail.variant.id` (or `detail.resource.id`) when they carry one. */
export const VARIANT_EVENTS: readonly string[] = ["variant:change", "variant:changed", "variant:update", "on:variant:change"];

/** The window is recomputed this often so a cut-off passing while the page is open moves it. */
const REFRESH_MS = 60_000;

function eventVariantId(event: Event): string | null {
  const detail = (event as CustomEvent<unknown>).detail as { variant?: { id?: unknown }; resource?: { id?: unknown } } | null | undefined;
  const id = detail?.variant?.id ?? detail?.resource?.id;
  return typeof id === "number" || typeof id === "string" ? String(id).replace(/^gid:\/\/shopify\/ProductVariant\//, "") : null;
}

export class DeliveryPromiseElement extends HTMLElement {
  private payload: BlockPayload | null = null;
  private variant = "";
  private lastInput = "";
  private cleanup: (() => void)[] = [];

  connectedCallback(): void {
    // Connected before its children exist when the parser meets it (or a DOM fills it in one go):
    // start once the block's markup is all there.
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => this.start(), { once: true });
    else queueMicrotask(() => this.start());
  }

  private start(): void {
    if (!this.isConnected || this.payload) return;
    this.payload = parsePayload(this.querySelector("script[type='application/json']")?.textContent);
    if (!this.payload) return;
    this.variant = this.formVariant() || new URLSearchParams(location.search).get("variant") || this.payload.selected;
    this.lastInput = this.formVariant();
    const on = (target: EventTarget, type: string, handler: (event: Event) => void): void => {
      target.addEventListener(type, handler);
      this.cleanup.push(() => target.removeEventListener(type, handler));
    };
    // Themes set the id input in their own change handler, sometimes without an event of its own.
    on(document, "change", () => setTimeout(() => this.followForm(), 0));
    for (const type of VARIANT_EVENTS) {
      on(document, type, (event) => {
        const id = eventVariantId(event);
        if (id) this.select(id);
        else setTimeout(() => this.followForm(), 0);
      });
    }
    on(window, "popstate", () => this.select(new URLSearchParams(location.search).get("variant") ?? this.variant));
    const postcode = this.querySelector("input[data-dl-postcode]");
    if (postcode) on(postcode, "input", () => this.render());
    const timer = setInterval(() => this.render(), REFRESH_MS);
    this.cleanup.push(() => clearInterval(timer));
    this.render();
  }

  disconnectedCallback(): void {
    for (const undo of this.cleanup.splice(0)) undo();
    this.payload = null;
  }

  /** The product form's `id` field (within the block's section first). */
  private formVariant(): string {
    const scope = this.closest(".shopify-section, section") ?? document;
    const field = (scope.querySelector("form[action*='/cart/add'] [name='id']") ?? document.querySelector("form[action*='/cart/add'] [name='id']")) as
      HTMLInputElement | HTMLSelectElement | null;
    return field?.value ?? "";
  }

  private followForm(): void {
    const current = this.formVariant();
    if (current && current !== this.lastInput) {
      this.lastInput = current;
      this.select(current);
    }
  }

  private select(variantId: string): void {
    if (variantId === this.variant) return;
    this.variant = variantId;
    this.render();
  }

  /** Writes the view; unchanged text is left alone so the live region only speaks on a change. */
  render(): void {
    const payload = this.payload;
    if (!payload) return;
    const locale = payloadLocale(payload);
    const postcode = this.querySelector<HTMLInputElement>("input[data-dl-postcode]")?.value ?? "";
    const view = storefrontView({
      data: variantData(payload, this.variant),
      countryCode: payload.country,
      postcode,
      carrierHolidays: carrierHolidays(payload),
      ...destinationCalendar(payload),
      lateNotices: sendsLateNotices(payload),
      nowMs: Date.now(),
      locale,
      translate: translator(payload.strings, locale),
    });
    this.write("[data-dl-text]", view.text);
    this.write("[data-dl-note]", view.hint ?? "");
    this.write("[data-dl-late]", view.kind === "none" ? "" : (view.lateNotice ?? ""));
    this.dataset.state = view.kind;
    this.dataset.variant = this.variant;
  }

  private write(selector: string, value: string): void {
    const element = this.querySelector(selector);
    if (element && element.textContent !== value) element.textContent = value;
  }
}

/** Registers the element once (a theme may load the asset twice). */
export function defineDeliveryPromise(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(TAG)) registry.define(TAG, DeliveryPromiseElement);
}
