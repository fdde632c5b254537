/**
 * Renders the app block's Liquid the way a storefront does, with liquidjs and the few
 * Shopify-specific pieces it uses (`t` with `{{ name }}` interpolation from the extension's locale
 * file, `{% schema %}` printing nothing). Used by the tests, the browser test and the demo's
 * product page; Shopify itself renders the block in production.
 */
import fs from "node:fs";
import path from "node:path";
import { Liquid, Tag, type TagToken, type TopLevelToken, type Liquid as Engine } from "liquidjs";

/** The extension's folder (the demo passes its own, resolved from the working directory). */
export type ExtensionRoot = string;

export const blockFile = (root: ExtensionRoot): string => path.join(root, "blocks", "delivery-promise.liquid");
export const assetFile = (root: ExtensionRoot): string => path.join(root, "assets", "delivery-promise.js");
export const cssFile = (root: ExtensionRoot): string => path.join(root, "assets", "delivery-promise.css");

export type Language = "en" | "fr";

export function localeFile(root: ExtensionRoot, language: Language, schema = false): Record<string, unknown> {
  const name = `${language === "en" ? "en.default" : language}${schema ? ".schema" : ""}.json`;
  return JSON.parse(fs.readFileSync(path.join(root, "locales", name), "utf8")) as Record<string, unknown>;
}

function lookup(tree: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** The block's `{% schema %}` JSON. */
export function blockSchema(root: ExtensionRoot): Record<string, unknown> {
  const source = fs.readFileSync(blockFile(root), "utf8");
  const match = /\{%\s*schema\s*%\}([\s\S]*?)\{%\s*endschema\s*%\}/.exec(source);
  if (!match) throw new Error("The block has no {% schema %}");
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

function engine(root: ExtensionRoot, language: Language): Engine {
  const liquid = new Liquid({ strictFilters: true });
  const strings = localeFile(root, language);
  // Shopify's `t`: the key's translation, `{{ name }}` replaced by the named arguments.
  liquid.registerFilter("t", (key: string, ...args: unknown[]) => {
    const template = lookup(strings, key);
    if (template === undefined) return `translation missing: ${language}.${key}`;
    const named = Object.fromEntries(args.filter((a): a is [string, unknown] => Array.isArray(a)));
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in named ? String(named[name]) : whole));
  });
  liquid.registerTag(
    "schema",
    class extends Tag {
      constructor(token: TagToken, remain: TopLevelToken[], engine: Engine) {
        super(token, remain, engine);
        // Skip everything up to {% endschema %}: it is the theme editor's, not the page's.
        while (remain.length > 0) {
          const next = remain.shift() as TagToken;
          if (next.name === "endschema") return;
        }
        throw new Error("{% schema %} without {% endschema %}");
      }
      *render(): Generator<never, void, unknown> {}
    },
  );
  return liquid;
}

/** A metafield as Liquid sees it: `.value` is the parsed JSON. */
const metafield = (value: string | undefined) => (value === undefined ? undefined : { value: JSON.parse(value) as unknown });

export interface StorefrontVariant {
  /** The id's digits, as Liquid prints `variant.id` (a string: ids may pass 2^53). */
  readonly id: string;
  readonly title: string;
  /** The `$app.promise` value the app published (JSON text), if any. */
  readonly promise?: string;
}

export interface RenderOptions {
  readonly variants: readonly StorefrontVariant[];
  readonly calendar?: string;
  readonly country: { readonly iso_code: string; readonly name: string };
  readonly language?: Language;
  readonly settings?: { readonly show_destination?: boolean; readonly show_border?: boolean };
  readonly selected?: string;
}

/** The block's HTML for a product page. */
export function renderBlockAt(root: ExtensionRoot, options: RenderOptions): string {
  const language = options.language ?? "en";
  const variants = options.variants.map((v) => ({ id: v.id, title: v.title, metafields: { $app: { promise: metafield(v.promise) } } }));
  const selected = variants.find((v) => v.id === options.selected) ?? variants[0];
  return engine(root, language).parseAndRenderSync(fs.readFileSync(blockFile(root), "utf8"), {
    product: { variants, selected_or_first_available_variant: selected, metafields: { $app: {} } },
    shop: { metafields: { $app: { calendar: metafield(options.calendar) } } },
    localization: { country: options.country },
    request: { locale: { iso_code: language } },
    block: { id: "AbC123", settings: { show_destination: true, show_border: true, ...options.settings }, shopify_attributes: "" },
  }) as string;
}

/** The JSON the block hands its script. */
export function payloadOf(html: string): string {
  const match = /<script type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error("The block rendered no JSON payload");
  return match[1]!;
}
