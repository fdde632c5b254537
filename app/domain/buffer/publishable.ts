/**
 * Publishable stock: supplier stock minus a buffer. The buffer starts at the larger of a fixed
 * floor and a percentage of stock, then is raised for fast sales, a stale feed and a supplier
 * that oversells. Every part rounds up: a buffer exists to protect against overselling.
 */
import { describeBuffer } from "./explain";
import type { BufferSettings } from "./settings";
import { oversellRate, staleCadences, velocity, type FeedFreshness, type OversellHistory, type SaleEvent } from "./signals";

/** Everything the buffer depends on, for one variant at one supplier at one instant. */
export interface BufferInput {
  /** Units the supplier reports (its last good feed value). */
  readonly stock: number;
  readonly settings: BufferSettings;
  readonly nowMs: number;
  /** Sales of this variant; only those inside the settings' velocity window count. */
  readonly sales: readonly SaleEvent[];
  readonly feed: FeedFreshness;
  readonly oversell: OversellHistory;
}

/** The risk signals, already measured. */
export interface BufferSignals {
  readonly velocityPerDay: number;
  /** Feed age divided by its cadence; Infinity when the feed never updated. */
  readonly staleCadences: number;
  /** Oversell incidents per order, 0..1 (small samples damped). */
  readonly oversellRate: number;
}

/** Units each rule contributes; the buffer is max(floor, percentage) + velocity + staleness + oversell. */
export interface BufferParts {
  readonly floor: number;
  readonly percentage: number;
  readonly velocity: number;
  readonly staleness: number;
  readonly oversell: number;
}

/** Publishable stock with the numbers behind it and a sentence a merchant understands. */
export interface BufferResult {
  readonly stock: number;
  readonly buffer: number;
  readonly parts: BufferParts;
  readonly published: number;
  readonly signals: BufferSignals;
  readonly reason: string;
}

/** Rounds a unit count up, ignoring float dust (0.1 × 30 must give 3, not 4). */
export function ceilUnits(value: number): number {
  return Math.max(0, Math.ceil(value - 1e-9));
}

/** Supplier stock as a whole, non-negative count (garbage in means 0, never a negative publish). */
export function wholeStock(stock: number): number {
  return Number.isFinite(stock) && stock > 0 ? Math.floor(stock) : 0;
}

/** Extra units held back for a stale feed: none within cadence, all stock at `stopAfterCadences`. */
export function stalenessUnits(stock: number, cadences: number, settings: BufferSettings): number {
  if (cadences <= 1) return 0;
  if (cadences >= settings.stopAfterCadences) return stock;
  const share = (settings.stalenessPercentPerCadence / 100) * (cadences - 1);
  return Math.min(stock, ceilUnits(stock * share));
}

/** Buffer parts for a stock level, given the measured signals. */
export function bufferParts(stock: number, settings: BufferSettings, signals: BufferSignals): BufferParts {
  const units = wholeStock(stock);
  return {
    floor: settings.floorUnits,
    percentage: ceilUnits((settings.percentOfStock * units) / 100),
    velocity: ceilUnits(Math.max(0, signals.velocityPerDay) * settings.velocityCoverDays),
    staleness: stalenessUnits(units, signals.staleCadences, settings),
    oversell: ceilUnits(units * Math.min(1, Math.max(0, signals.oversellRate) * settings.oversellWeight)),
  };
}

/** Total buffer from its parts. */
export function bufferTotal(parts: BufferParts): number {
  return Math.max(parts.floor, parts.percentage) + parts.velocity + parts.staleness + parts.oversell;
}

/** Measures the three risk signals from the raw inputs. */
export function measureSignals(input: BufferInput): BufferSignals {
  return {
    velocityPerDay: velocity(input.sales, input.nowMs, input.settings.velocityWindowDays),
    staleCadences: staleCadences(input.feed, input.nowMs),
    oversellRate: oversellRate(input.oversell, input.settings.oversellMinOrders),
  };
}

/** Publishable quantity from already-measured signals (the core rule, also used by property tests). */
export function publishFromSignals(
  stock: number,
  settings: BufferSettings,
  signals: BufferSignals,
): { readonly stock: number; readonly buffer: number; readonly parts: BufferParts; readonly published: number } {
  const units = wholeStock(stock);
  const parts = bufferParts(units, settings, signals);
  const buffer = bufferTotal(parts);
  return { stock: units, buffer, parts, published: Math.max(0, units - buffer) };
}

/** Publishable stock for one variant at one supplier, with its explanation. */
export function publishableStock(input: BufferInput): BufferResult {
  const signals = measureSignals(input);
  const core = publishFromSignals(input.stock, input.settings, signals);
  const reason = describeBuffer({
    ...core,
    signals,
    settings: input.settings,
    feed: input.feed,
    oversell: input.oversell,
  });
  return { ...core, signals, reason };
}
