/**
 * The merchant's alert thresholds, as data: per metric, whether it alerts at all, an optional
 * threshold for the run rule ("confirmation time over 24 h three days running") and the run's
 * length; shop-wide, how many in-control days close an alert. Thresholds are kept in the unit a
 * merchant types (hours for durations, percent for rates) and converted when evaluated.
 */
import { z } from "zod";
import { METRICS, METRIC_NAMES, type MetricName } from "../metrics";

export interface MetricThreshold {
  readonly enabled: boolean;
  /** Hours (durations) or percent (rates); null = control limits only, no run rule. */
  readonly threshold: number | null;
  /** Consecutive days with data past the threshold that open a run alert. */
  readonly runLength: number;
}

export interface AlertThresholds {
  readonly metrics: Readonly<Record<string, MetricThreshold>>;
  /** Consecutive days with data back in control that close an alert. */
  readonly recoveryDays: number;
}

const HOUR_MS = 3_600_000;
const MAX_RUN = 14;

/** Sensible starting points: what a dropshipping operation would call "something is wrong". */
const DEFAULTS: Readonly<Partial<Record<MetricName, MetricThreshold>>> = {
  orderToAcknowledgement: { enabled: true, threshold: 12, runLength: 3 },
  orderToConfirmation: { enabled: true, threshold: 24, runLength: 3 },
  orderToShip: { enabled: true, threshold: 72, runLength: 3 },
  trackingUploadLatency: { enabled: true, threshold: 24, runLength: 3 },
  acceptanceRate: { enabled: true, threshold: 90, runLength: 3 },
  cancellationRate: { enabled: true, threshold: 5, runLength: 3 },
  stockoutRate: { enabled: true, threshold: 5, runLength: 3 },
  onTimeShipRate: { enabled: true, threshold: 90, runLength: 3 },
  exceptionRate: { enabled: true, threshold: 5, runLength: 3 },
};

/** A metric without a default alerts on its control limits only. */
const FALLBACK: MetricThreshold = { enabled: true, threshold: null, runLength: 3 };

export const DEFAULT_RECOVERY_DAYS = 2;

/** The thresholds a shop starts with (every metric Dropline tracks). */
export function defaultThresholds(): AlertThresholds {
  return { metrics: Object.fromEntries(METRIC_NAMES.map((m) => [m, DEFAULTS[m] ?? FALLBACK])), recoveryDays: DEFAULT_RECOVERY_DAYS };
}

/** The unit a merchant types a metric's threshold in. */
export function thresholdUnit(metric: MetricName): "hours" | "percent" {
  return METRICS[metric].kind === "duration" ? "hours" : "percent";
}

/** A threshold in the metric's own unit (ms, or a 0..1 rate), as the control charts compare it. */
export function thresholdValue(metric: MetricName, threshold: number): number {
  return thresholdUnit(metric) === "hours" ? threshold * HOUR_MS : threshold / 100;
}

const Stored = z.object({
  metrics: z
    .record(z.string(), z.object({ enabled: z.boolean(), threshold: z.number().nullable(), runLength: z.number().int().min(1).max(MAX_RUN) }))
    .default({}),
  recoveryDays: z.number().int().min(1).max(MAX_RUN).default(DEFAULT_RECOVERY_DAYS),
});

/** Stored thresholds merged over the defaults (a metric added later gets its default; junk is ignored). */
export function readThresholds(json: string | null | undefined): AlertThresholds {
  const base = defaultThresholds();
  let parsed: z.infer<typeof Stored> | null = null;
  try {
    const result = Stored.safeParse(JSON.parse(json ?? "{}"));
    parsed = result.success ? result.data : null;
  } catch {
    parsed = null;
  }
  if (!parsed) return base;
  const metrics = Object.fromEntries(METRIC_NAMES.map((m) => [m, parsed.metrics[m] ?? base.metrics[m] ?? FALLBACK]));
  return { metrics, recoveryDays: parsed.recoveryDays };
}

/** The thresholds of one metric (the default when none is stored). */
export function thresholdFor(thresholds: AlertThresholds, metric: MetricName): MetricThreshold {
  return thresholds.metrics[metric] ?? DEFAULTS[metric] ?? FALLBACK;
}

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

function metricField(metric: MetricName) {
  const unit = thresholdUnit(metric);
  const label = METRICS[metric].label;
  const threshold =
    unit === "hours"
      ? z.coerce
          .number({ error: `${label}: the threshold must be a number of hours.` })
          .gt(0, `${label}: the threshold must be above 0 hours.`)
          .max(24 * 60, `${label}: at most 1,440 hours (60 days).`)
      : z.coerce
          .number({ error: `${label}: the threshold must be a percentage.` })
          .min(0, `${label}: a percentage is 0 to 100.`)
          .max(100, `${label}: a percentage is 0 to 100.`);
  return z.object({
    enabled: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    threshold: z.preprocess(blankToNull, threshold.nullable()),
    runLength: z.coerce
      .number({ error: `${label}: the run length must be a whole number of days.` })
      .int(`${label}: the run length must be a whole number of days.`)
      .min(1, `${label}: the run length is 1 to ${MAX_RUN} days.`)
      .max(MAX_RUN, `${label}: the run length is 1 to ${MAX_RUN} days.`),
  });
}

/** The thresholds form (one schema for the page and the server): fields `<metric>.enabled|threshold|runLength`, `recoveryDays`, `recipientEmail`. */
export const ThresholdsForm = z.object({
  metrics: z.object(Object.fromEntries(METRIC_NAMES.map((m) => [m, metricField(m)]))),
  recoveryDays: z.coerce
    .number({ error: "Days back in control must be a whole number." })
    .int("Days back in control must be a whole number.")
    .min(1, `Days back in control is 1 to ${MAX_RUN}.`)
    .max(MAX_RUN, `Days back in control is 1 to ${MAX_RUN}.`),
  recipientEmail: z.preprocess(blankToNull, z.email("Enter a valid email address, or leave it blank to use the store's contact email.").nullable()),
});

export interface ThresholdsInput {
  readonly thresholds: AlertThresholds;
  readonly recipientEmail: string | null;
}

/** Parses the flat form fields; the first problem is returned as a merchant-readable message. */
export function parseThresholdsForm(fields: Readonly<Record<string, unknown>>): { ok: true; value: ThresholdsInput } | { ok: false; message: string } {
  const metrics = Object.fromEntries(
    METRIC_NAMES.map((m) => [m, { enabled: fields[`${m}.enabled`] ?? false, threshold: fields[`${m}.threshold`] ?? "", runLength: fields[`${m}.runLength`] }]),
  );
  const parsed = ThresholdsForm.safeParse({ metrics, recoveryDays: fields.recoveryDays, recipientEmail: fields.recipientEmail ?? "" });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid thresholds." };
  return {
    ok: true,
    value: {
      thresholds: { metrics: parsed.data.metrics as Record<string, MetricThreshold>, recoveryDays: parsed.data.recoveryDays },
      recipientEmail: parsed.data.recipientEmail,
    },
  };
}
