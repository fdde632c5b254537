/** The merchant-facing sentence behind a publishable quantity. */
import type { BufferParts, BufferSignals } from "./publishable";
import type { BufferSettings } from "./settings";
import type { FeedFreshness, OversellHistory } from "./signals";

/** What the sentence is built from. */
export interface BufferExplanationInput {
  readonly stock: number;
  readonly buffer: number;
  readonly parts: BufferParts;
  readonly published: number;
  readonly signals: BufferSignals;
  readonly settings: BufferSettings;
  readonly feed: FeedFreshness;
  readonly oversell: OversellHistory;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const trim = (value: number, digits = 1): string => {
  const fixed = value.toFixed(digits);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
};

/** A duration as a merchant reads it: "45 min", "6 h", "2.5 days". */
export function formatDuration(ms: number): string {
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${trim(ms / HOUR)} h`;
  return `${trim(ms / DAY)} days`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function describeBase(input: BufferExplanationInput): string {
  const { parts, settings, stock } = input;
  if (parts.percentage > parts.floor) return `${trim(settings.percentOfStock, 2)}% of ${stock}`;
  if (parts.floor > 0) return `the minimum of ${plural(parts.floor, "unit")}`;
  return "no base buffer";
}

function describeStaleness(input: BufferExplanationInput): string {
  const { feed, signals, parts } = input;
  const cadence = formatDuration(feed.cadenceMs);
  if (feed.lastGoodUpdateAtMs === null) {
    return `${parts.staleness} because the feed has never updated successfully`;
  }
  const age = formatDuration(signals.staleCadences * feed.cadenceMs);
  if (signals.staleCadences >= input.settings.stopAfterCadences) {
    return `${parts.staleness} because the feed has not updated for ${age}, ` + `${trim(input.settings.stopAfterCadences)}× or more its ${cadence} schedule`;
  }
  return `${parts.staleness} because the last feed update is ${age} old (expected every ${cadence})`;
}

function describeRaises(input: BufferExplanationInput): string[] {
  const { parts, signals, settings, oversell } = input;
  const raises: string[] = [];
  if (parts.velocity > 0) {
    raises.push(`${parts.velocity} for fast sales (${trim(signals.velocityPerDay)}/day over the last ` + `${plural(settings.velocityWindowDays, "day")})`);
  }
  if (parts.staleness > 0) raises.push(describeStaleness(input));
  if (parts.oversell > 0) {
    raises.push(`${parts.oversell} for this supplier's oversells ` + `(${oversell.incidents} of ${plural(oversell.orders, "order")})`);
  }
  return raises;
}

const joinAnd = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** "Buffer 7 = 10% of 40 raised by 3 for fast sales (2.5/day …). Publishing 33 of 40." */
export function describeBuffer(input: BufferExplanationInput): string {
  const raises = describeRaises(input);
  const head = `Buffer ${input.buffer} = ${describeBase(input)}` + (raises.length > 0 ? ` raised by ${joinAnd(raises)}.` : ".");
  if (input.stock === 0) return `${head} The supplier reports no stock, so 0 is published.`;
  if (input.published === 0) {
    return `${head} Supplier stock ${input.stock} is at or below the buffer, so 0 is published.`;
  }
  return `${head} Publishing ${input.published} of ${input.stock}.`;
}
