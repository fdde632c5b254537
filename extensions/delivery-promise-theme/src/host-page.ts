/**
 * A product page built like an Online Store 2.0 theme's main-product section (Dawn's shape: a
 * variant picker that sets the product form's `id` input, fires `change` and writes `?variant=`),
 * hosting the rendered app block between the picker and the buy button. For the browser test and
 * the demo's storefront page; on a real store the merchant's theme is the host.
 */
export interface HostVariant {
  /** The variant id's digits. */
  readonly id: string;
  readonly title: string;
}

export interface HostPage {
  readonly productTitle: string;
  readonly variants: readonly HostVariant[];
  readonly selected: string;
  /** The block's rendered HTML. */
  readonly blockHtml: string;
  readonly css: string;
  /** The asset's code, inlined in the head as a theme would load it; omitted: the page before the script runs. */
  readonly script?: string;
  readonly language: string;
  /** Optional HTML above the product (the demo's navigation). */
  readonly header?: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function hostPage(page: HostPage): string {
  const radios = page.variants
    .map(
      (v) =>
        `<input type="radio" id="option-${v.id}" name="Option" value="${v.id}" ${v.id === page.selected ? "checked" : ""}><label for="option-${v.id}">${escapeHtml(v.title)}</label>`,
    )
    .join("");
  return `<!doctype html>
<html lang="${escapeHtml(page.language)}"><head><meta charset="utf-8"><title>${escapeHtml(page.productTitle)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font-family: system-ui, sans-serif; margin: 0; --color-foreground: 18, 18, 18; }
  .product { display: grid; grid-template-columns: 1fr 420px; gap: 2rem; padding: 2rem; }
  .product__media { background: #eee; height: 480px; }
  fieldset { border: 0; padding: 0; display: flex; gap: .5rem; }
  .product-form__submit { width: 100%; padding: 1rem; }
  @media (max-width: 749px) { .product { grid-template-columns: 1fr; padding: 1rem; } .product__media { height: 240px; } }
</style>
<style>${page.css}</style>
${page.script === undefined ? "" : `<script>${page.script.replace(/<\/script/gi, "<\\/script")}</script>`}
</head><body>
${page.header ?? ""}
<section id="shopify-section-template--main" class="shopify-section">
  <div class="product">
    <div class="product__media"></div>
    <div class="product__info-container">
      <h1>${escapeHtml(page.productTitle)}</h1>
      <variant-radios><fieldset><legend>Option</legend>${radios}</fieldset></variant-radios>
      <div id="shopify-block-app-1" class="shopify-app-block">${page.blockHtml}</div>
      <product-form><form method="post" action="/cart/add" id="product-form-main">
        <input type="hidden" name="id" value="${page.selected}">
        <button type="submit" name="add" class="product-form__submit">Add to cart</button>
      </form></product-form>
    </div>
  </div>
</section>
<script>
  // The theme's variant picker, as Dawn wires it: set the form's id, announce it, put it in the URL.
  document.querySelector("variant-radios").addEventListener("change", (event) => {
    const input = document.querySelector("#product-form-main input[name=id]");
    input.value = event.target.value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    const url = new URL(location.href);
    url.searchParams.set("variant", event.target.value);
    history.replaceState({}, "", url);
  });
  document.querySelector("#product-form-main").addEventListener("submit", (event) => event.preventDefault());
</script>
</body></html>`;
}
