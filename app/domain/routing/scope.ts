/**
 * Scoped routing policy: which of the merchant's rules apply to an order, and why. Precedence,
 * most specific first:
 *
 *   1. product in a region      2. product      3. collection in a region      4. collection
 *   5. region                   6. sales channel (weights only: `channelOverrides`)      7. shop default
 *
 * Each setting is resolved on its own: an override that sets only split rules takes its weights
 * from the next scope down. Among equally specific matches the first listed wins (the merchant's
 * order). An order has one set of weights and one split rule, however many products it holds:
 * its weights are the most specific match of any line (ties: the line worth most, then the first
 * line); its split rule combines every line's rule, strictest first, so one product that must
 * never be split keeps its whole order in one parcel. The result is data the engine stores with
 * the decision (`PolicyNote`) and the explanation renders (`policyWords`).
 */
import { availableStock } from "./constraints";
import { WEIGHT_PRESETS, type RoutingPolicy, type ScopedOverride, type SplitPolicy, type Weights } from "./policy";
import type { OrderLine, RoutingInput, SupplierOffer } from "./types";

export type PolicyLevel = "product_region" | "product" | "collection_region" | "collection" | "region" | "channel" | "shop";

/** The levels, most specific first: a lower index wins. */
export const POLICY_PRECEDENCE: readonly PolicyLevel[] = ["product_region", "product", "collection_region", "collection", "region", "channel", "shop"];

/** Where a setting came from, in words a merchant reads (`product "Ceramic mug" in EU`, `channel amazon`, `shop default`). */
export interface PolicySource {
  readonly level: PolicyLevel;
  /** The scoped override's id; absent for the channel and shop levels. */
  readonly overrideId?: string;
  readonly label: string;
}

/** A resolved setting's source and the source it overrides (the one that would apply without it). */
export interface SourceNote {
  readonly source: PolicySource;
  readonly overrides: PolicySource | null;
}

/** SKUs whose last units are kept for the priority channels, as this order saw them. */
export interface ReserveNote {
  readonly units: number;
  readonly channels: readonly string[];
  /** Per reserved variant: buffered units across active suppliers, and how many this order could take. */
  readonly variants: readonly { readonly variantId: string; readonly total: number; readonly usable: number }[];
}

/** Which rules applied to the order: stored in the decision's context and shown in its explanation. */
export interface PolicyNote {
  readonly weights: SourceNote;
  /** One entry per distinct split rule among the lines, most specific first; the strictest combination applied. */
  readonly split: readonly SourceNote[];
  /** The channel SLA that set the order's promise, if one did. */
  readonly sla: { readonly channel: string; readonly businessDays: number } | null;
  /** Set when the order's channel is not a priority channel and a reserve is configured. */
  readonly reserve: ReserveNote | null;
}

/** What a line is, for matching scopes: its product and the collections that product is in. */
export interface ScopedLine {
  readonly productId?: string;
  readonly collectionIds?: readonly string[];
}

const SHOP: PolicySource = { level: "shop", label: "shop default" };

/** The level at which the override matches the line shipped to `countryCode`, or null. */
export function matchLevel(override: ScopedOverride, line: ScopedLine, countryCode: string): PolicyLevel | null {
  const { scope } = override;
  if (scope.region && !scope.region.countries.includes(countryCode)) return null;
  if (scope.productId) return line.productId === scope.productId ? (scope.region ? "product_region" : "product") : null;
  if (scope.collectionId) return line.collectionIds?.includes(scope.collectionId) ? (scope.region ? "collection_region" : "collection") : null;
  return "region";
}

/** The scope of an override in words: `product "Ceramic mug"`, `collection "Fragile" in EU`, `region EU`. */
export function scopeLabel(override: Pick<ScopedOverride, "scope">): string {
  const { scope } = override;
  const name = (kind: string, id: string) => `${kind} "${scope.label || id.split("/").at(-1)}"`;
  const what = scope.productId ? name("product", scope.productId) : scope.collectionId ? name("collection", scope.collectionId) : null;
  if (!scope.region) return what ?? "everything";
  return what ? `${what} in ${scope.region.name}` : `region ${scope.region.name}`;
}

interface Match {
  readonly override: ScopedOverride;
  readonly level: PolicyLevel;
}

/** Every override matching the line in that country, most specific first; equally specific ones in list order. */
export function matchingOverrides(policy: RoutingPolicy, line: ScopedLine, countryCode: string): Match[] {
  const matches: Match[] = [];
  for (const override of policy.scopedOverrides) {
    const level = matchLevel(override, line, countryCode);
    if (level) matches.push({ override, level });
  }
  const rank = (m: Match) => POLICY_PRECEDENCE.indexOf(m.level);
  // Array.prototype.sort is stable: list order survives among equals.
  return matches.sort((a, b) => rank(a) - rank(b));
}

const sourceOf = (m: Match): PolicySource => ({ level: m.level, overrideId: m.override.id, label: scopeLabel(m.override) });

interface Resolved<T> {
  readonly value: T;
  readonly note: SourceNote;
}

function firstTwo<T>(candidates: readonly { value: T; source: PolicySource }[]): Resolved<T> {
  const [first, second] = candidates;
  return { value: first!.value, note: { source: first!.source, overrides: second?.source ?? null } };
}

const weightsOf = (choice: { preset?: keyof typeof WEIGHT_PRESETS; weights?: Weights }): Weights | null =>
  choice.weights ?? (choice.preset ? WEIGHT_PRESETS[choice.preset] : null);

/** The weights for one line: the most specific override that sets weights, else the channel's, else the shop's. */
export function resolveLineWeights(policy: RoutingPolicy, line: ScopedLine, countryCode: string, channel: string): Resolved<Weights> {
  const candidates: { value: Weights; source: PolicySource }[] = [];
  for (const m of matchingOverrides(policy, line, countryCode)) {
    const w = weightsOf(m.override);
    if (w) candidates.push({ value: w, source: sourceOf(m) });
  }
  const channelChoice = Object.hasOwn(policy.channelOverrides, channel) ? policy.channelOverrides[channel] : undefined;
  const channelWeights = channelChoice ? weightsOf(channelChoice) : null;
  if (channelWeights) candidates.push({ value: channelWeights, source: { level: "channel", label: `channel ${channel}` } });
  candidates.push({ value: policy.weights ?? WEIGHT_PRESETS[policy.preset], source: SHOP });
  return firstTwo(candidates);
}

/** The split rule for one line: the most specific override that sets one, else the shop's. */
export function resolveLineSplit(policy: RoutingPolicy, line: ScopedLine, countryCode: string): Resolved<SplitPolicy> {
  const candidates: { value: SplitPolicy; source: PolicySource }[] = [];
  for (const m of matchingOverrides(policy, line, countryCode)) if (m.override.split) candidates.push({ value: m.override.split, source: sourceOf(m) });
  candidates.push({ value: policy.split, source: SHOP });
  return firstTwo(candidates);
}

/** Several lines' split rules as one: a split must be allowed by every rule (the strictest of each setting). */
export function strictestSplit(rules: readonly SplitPolicy[]): SplitPolicy {
  const [first, ...rest] = rules;
  if (!first) throw new RangeError("strictestSplit needs at least one rule");
  return rest.reduce(
    (acc, r) => ({
      allowed: acc.allowed && r.allowed,
      minBasketValue: Math.max(acc.minBasketValue, r.minBasketValue),
      allowForExpedited: acc.allowForExpedited && r.allowForExpedited,
      allowToAvoidCancel: acc.allowToAvoidCancel && r.allowToAvoidCancel,
      maxParcels: Math.min(acc.maxParcels, r.maxParcels),
    }),
    first,
  );
}

const sameSource = (a: PolicySource, b: PolicySource) => a.level === b.level && a.overrideId === b.overrideId;
const levelRank = (s: PolicySource) => POLICY_PRECEDENCE.indexOf(s.level);

/** The order's weights and split rule from its lines' (see the module comment for how lines combine). */
function resolveOrderRules(policy: RoutingPolicy, lines: readonly OrderLine[], countryCode: string, channel: string) {
  // What applies to any line (region, channel, shop): a line's product or collection can only be more specific.
  let weights = resolveLineWeights(policy, {}, countryCode, channel);
  let weightsRevenue = -1;
  const splits: Resolved<SplitPolicy>[] = [];
  for (const line of lines) {
    const w = resolveLineWeights(policy, line, countryCode, channel);
    const revenue = line.unitPrice * line.quantity;
    const rank = levelRank(w.note.source);
    if (rank < levelRank(weights.note.source) || (rank === levelRank(weights.note.source) && revenue > weightsRevenue)) {
      weights = w;
      weightsRevenue = revenue;
    }
    const s = resolveLineSplit(policy, line, countryCode);
    if (!splits.some((x) => sameSource(x.note.source, s.note.source))) splits.push(s);
  }
  if (splits.length === 0) splits.push(resolveLineSplit(policy, {}, countryCode));
  splits.sort((a, b) => levelRank(a.note.source) - levelRank(b.note.source));
  return { weights, splits };
}

/** Caps each ordered SKU's offers so that an order from a non-priority channel leaves the reserve. */
function applyReserve(input: RoutingInput): { offers: readonly SupplierOffer[]; note: ReserveNote | null } {
  const { policy, order, suppliers, offers } = input;
  const { channels, reserveUnits } = policy.channelPriority;
  if (reserveUnits === 0 || channels.length === 0 || channels.includes(order.channel)) return { offers, note: null };
  const active = new Set(suppliers.filter((s) => s.status === "active").map((s) => s.id));
  const ordered = new Set(order.lines.map((l) => l.variantId));
  const totals = new Map<string, number>();
  for (const offer of offers) {
    if (!ordered.has(offer.variantId) || !active.has(offer.supplierId)) continue;
    totals.set(offer.variantId, (totals.get(offer.variantId) ?? 0) + availableStock(offer, policy));
  }
  const usable = new Map([...totals].map(([variantId, total]) => [variantId, Math.max(0, total - reserveUnits)]));
  const capped = offers.map((offer) => {
    const cap = usable.get(offer.variantId);
    if (cap === undefined || availableStock(offer, policy) <= cap) return offer;
    return { ...offer, bufferedAvailable: cap };
  });
  const variants = [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([variantId, total]) => ({ variantId, total, usable: usable.get(variantId)! }));
  return { offers: capped, note: { units: reserveUnits, channels: [...channels], variants } };
}

/**
 * The routing input with the scoped policy applied: the order's weights and split rule resolved
 * (channel overrides folded in), the channel's SLA as the order's promise when it has none, and
 * offers capped by the channel-priority reserve. Returns what applied, for the explanation.
 */
export function applyPolicyScopes(input: RoutingInput): { input: RoutingInput; note: PolicyNote | undefined } {
  const { policy, order } = input;
  const { weights, splits } = resolveOrderRules(policy, order.lines, order.destination.countryCode, order.channel);
  const sla = order.promisedBusinessDays === undefined && Object.hasOwn(policy.channelSla, order.channel) ? policy.channelSla[order.channel]! : null;
  const reserve = applyReserve(input);
  const effective: RoutingPolicy = {
    ...policy,
    weights: weights.value,
    channelOverrides: {},
    split: strictestSplit(splits.map((s) => s.value)),
  };
  const note: PolicyNote = {
    weights: weights.note,
    split: splits.map((s) => s.note),
    sla: sla === null ? null : { channel: order.channel, businessDays: sla },
    reserve: reserve.note,
  };
  // Nothing but the shop's defaults: nothing to note (decisions stay as small as before scopes existed).
  const plain = weights.note.source.level === "shop" && splits.every((s) => s.note.source.level === "shop") && sla === null && reserve.note === null;
  return {
    input: { ...input, policy: effective, order: sla === null ? order : { ...order, promisedBusinessDays: sla }, offers: reserve.offers },
    note: plain ? undefined : note,
  };
}

const overriding = (note: SourceNote): string => (note.overrides ? ` (overrides ${note.overrides.label})` : "");

/** The note in sentences for the decision's explanation: the weights' source, and each other setting that is not simply the shop default. */
export function policyWords(note: PolicyNote): string[] {
  const words = [`Weights: ${note.weights.source.label}${overriding(note.weights)}`];
  const [split, ...more] = note.split;
  if (split && more.length === 0) {
    if (split.source.level !== "shop") words.push(`Split rules: ${split.source.label}${overriding(split)}`);
  } else if (split) words.push(`Split rules: the strictest of ${note.split.map((s) => s.source.label).join(", ")} (the order's products have different rules)`);
  if (note.sla) words.push(`Promise: the ${note.sla.channel} channel's SLA of ${note.sla.businessDays} business day${note.sla.businessDays === 1 ? "" : "s"}`);
  if (note.reserve) {
    words.push(
      `Stock: the last ${note.reserve.units} unit${note.reserve.units === 1 ? " is" : "s are"} of each SKU kept for ${note.reserve.channels.join(", ")}`,
    );
  }
  return words;
}

/** A held line's message when the reserve is what keeps it from stock (null when the reserve did not matter). */
export function reserveHoldMessage(note: PolicyNote | undefined, item: string, variantId: string, needed: number, orderChannel: string): string | null {
  const v = note?.reserve?.variants.find((x) => x.variantId === variantId);
  if (!note?.reserve || !v || v.total < needed || v.usable >= needed) return null;
  return (
    `${item} is held for stock kept for other channels: ${v.total} unit${v.total === 1 ? " is" : "s are"} in stock, but the last ` +
    `${note.reserve.units} are kept for the priority channels (${note.reserve.channels.join(", ")}) and this order came from ${orderChannel}. ` +
    `Wait for stock, assign it by hand, or change the channel priority.`
  );
}
