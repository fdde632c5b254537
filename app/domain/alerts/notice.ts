/** What an alert tells the merchant: the email's words and the Flow trigger's payload. */
import { formatMetricValue, METRICS, type MetricName } from "../metrics/definitions";
import type { AlertRule } from "./evaluate";
import { isMetricName } from "./series";

/** The Flow trigger every new alert fires (extensions/flow-metric-alert). */
export const METRIC_ALERT_FLOW_TRIGGER = "dropline-metric-alert";

export interface AlertNoticeInput {
  readonly id: string;
  readonly metric: string;
  readonly dimension: string;
  readonly segment: string;
  /** The segment as a person reads it (a supplier's name, a channel). */
  readonly segmentName: string;
  readonly rule: AlertRule;
  readonly day: string;
  readonly value: number;
  readonly limit: number;
  readonly days: readonly string[];
  readonly message: string;
}

const RULE_WORDS: Readonly<Record<AlertRule, string>> = {
  control_limit: "beyond its control limit",
  threshold_run: "past your threshold, days running",
};

const format = (metric: string, value: number): string => (isMetricName(metric) ? formatMetricValue(metric as MetricName, value) : String(value));
const metricLabel = (metric: string): string => (isMetricName(metric) ? METRICS[metric as MetricName].label : metric);
const segmentWords = (input: AlertNoticeInput): string =>
  input.dimension === "all" ? "All orders" : `${input.dimension === "supplierId" ? "supplier" : input.dimension} ${input.segmentName}`;

/** The merchant's email for a new alert. */
export function alertEmail(input: AlertNoticeInput, alertsUrl: string): { subject: string; text: string } {
  return {
    subject: `Dropline alert: ${metricLabel(input.metric)} ${RULE_WORDS[input.rule]} (${segmentWords(input)})`,
    text: [
      input.message,
      "",
      `Value: ${format(input.metric, input.value)}; ${input.rule === "control_limit" ? "control limit" : "your threshold"}: ${format(input.metric, input.limit)}.`,
      `Days: ${input.days.join(", ")}.`,
      "",
      "Dropline will not email you again about this alert while it lasts; it closes by itself once the metric is back in control.",
      `See the chart and change the thresholds: ${alertsUrl}`,
    ].join("\n"),
  };
}

/** The Flow trigger's payload; keys match extensions/flow-metric-alert/shopify.extension.toml. */
export function alertFlowPayload(input: AlertNoticeInput, alertsUrl: string): Record<string, string> {
  return {
    "Alert id": input.id,
    Metric: metricLabel(input.metric),
    Segment: segmentWords(input),
    Rule: input.rule,
    Value: format(input.metric, input.value),
    Limit: format(input.metric, input.limit),
    Days: input.days.join(", "),
    Message: input.message,
    "Alert URL": alertsUrl,
  };
}
