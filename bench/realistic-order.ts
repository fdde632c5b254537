/**
 * Realistic `orders/create` bodies for the benchmarks: Shopify's documented example payload
 * (vendored, ~9 KB) with the order the fake store really holds laid over it — its ids, name,
 * customer, address and line items (each line over the example's line) — so every field Shopify
 * sends is there and every line matches a real offer.
 */
import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "lossless-json";
import { webhookExamplesDir } from "../tests/fake-shopify/reference";

type Json = Record<string, unknown>;

let example: Json | undefined;

function documentedExample(): Json {
  if (!example) {
    // Read losslessly: the example's ids exceed 2^53.
    const raw = fs.readFileSync(path.join(webhookExamplesDir, "orders__create.json"), "utf8");
    example = (parse(raw) as Json).response as Json;
  }
  return example;
}

/** The fake's own body for an order, dressed in every field of Shopify's documented example. */
export function realisticOrderBody(fakeBody: string): string {
  const base = documentedExample();
  const order = parse(fakeBody) as Json;
  const template = (base.line_items as Json[])[0]!;
  const lines = ((order.line_items as Json[] | undefined) ?? []).map((line) => ({ ...template, ...line }));
  const merged: Json = {
    ...base,
    cancel_reason: null,
    cancelled_at: null,
    closed_at: null,
    refunds: [],
    fulfillments: [],
    returns: [],
    ...order,
    line_items: lines,
  };
  return stringify(merged) ?? fakeBody;
}
