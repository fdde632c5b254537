/**
 * Scorecard building blocks shared by the admin (every supplier, one supplier) and the supplier
 * portal (the supplier's own card): grade with its letter, the trend, the measures with their
 * weights, the worst SKUs. Props are the plain JSON the loaders build (app/services/scorecards).
 */
import { Badge, BlockStack, DataTable, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

type Tone = "success" | "info" | "attention" | "warning" | "critical";

const LETTER_TONES: Readonly<Record<string, Tone>> = { A: "success", B: "info", C: "attention", D: "warning", F: "critical" };

export interface GradeProps {
  readonly grade: number | null;
  readonly letter: string | null;
}

/** "B · 84.2", or "Not enough history" when there is no grade. */
export function GradeBadge({ grade, letter }: GradeProps) {
  if (grade === null || letter === null) return <Badge>Not enough history</Badge>;
  return <Badge tone={LETTER_TONES[letter] ?? "info"}>{`${letter} · ${grade.toFixed(1)}`}</Badge>;
}

export interface TrendProps {
  readonly direction: "up" | "down" | "flat" | "new";
  readonly delta: number | null;
  readonly previousGrade: number | null;
}

/** "▲ 4.2 points since the previous period", "no previous period to compare". */
export function TrendText({ direction, delta, previousGrade }: TrendProps) {
  if (direction === "new" || delta === null) {
    return (
      <Text as="span" tone="subdued">
        {previousGrade === null ? "No previous period to compare" : "No grade this period"}
      </Text>
    );
  }
  if (direction === "flat") {
    return (
      <Text as="span" tone="subdued">
        Steady (previous {previousGrade?.toFixed(1)})
      </Text>
    );
  }
  const up = direction === "up";
  return (
    <Text as="span" tone={up ? "success" : "critical"}>
      <span aria-hidden>{up ? "▲ " : "▼ "}</span>
      {`${up ? "Up" : "Down"} ${Math.abs(delta).toFixed(1)} points from ${previousGrade?.toFixed(1)}`}
    </Text>
  );
}

export interface MeasureRow {
  readonly name: string;
  readonly label: string;
  readonly score: number | null;
  readonly shareText: string;
  readonly counted: number;
  readonly against: number;
  readonly weight: number;
}

/** Each measure: its score out of 100, the share behind it, its weight; `link` turns the label into a drill-down. */
export function MeasuresTable({ measures, link }: { measures: readonly MeasureRow[]; link?: (name: string, label: string) => ReactNode }) {
  return (
    <DataTable
      columnContentTypes={["text", "numeric", "text", "numeric"]}
      headings={["Measure", "Score (of 100)", "Based on", "Weight"]}
      rows={measures.map((m) => [link ? link(m.name, m.label) : m.label, m.score === null ? "—" : m.score.toFixed(1), m.shareText, `${m.weight}%`])}
    />
  );
}

export interface SkuRow {
  readonly sku: string;
  readonly lines: number;
  readonly late: number;
  readonly cancelled: number;
  readonly problemShare: number;
}

/** The SKUs with the largest share of late or cancelled lines. */
export function WorstSkusTable({ skus, minLines }: { skus: readonly SkuRow[]; minLines: number }) {
  if (skus.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No SKU with {minLines} or more lines was late or cancelled in this period.
      </Text>
    );
  }
  return (
    <DataTable
      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
      headings={["SKU", "Lines", "Late", "Cancelled", "Late or cancelled"]}
      rows={skus.map((s) => [s.sku, s.lines, s.late, s.cancelled, `${Math.round(s.problemShare * 100)}%`])}
    />
  );
}

/** The grade, trend and the measures' explanation in one block. */
export function GradeHeader({
  grade,
  letter,
  trend,
  counted,
  lateToleranceDays,
}: GradeProps & { trend: TrendProps; counted: number; lateToleranceDays: number }) {
  return (
    <BlockStack gap="200">
      <InlineStack gap="300" blockAlign="center">
        <Text as="span" variant="headingLg">
          Grade
        </Text>
        <GradeBadge grade={grade} letter={letter} />
        <TrendText {...trend} />
      </InlineStack>
      <Text as="p" tone="subdued">
        From {counted} order line{counted === 1 ? "" : "s"}. Shipment time: full marks for shipping by the promised ship-by date, falling to none at{" "}
        {lateToleranceDays} day{lateToleranceDays === 1 ? "" : "s"} late; a cancelled line earns none. Share shipped: of the lines accepted. Share cancelled:
        lines rejected, out of stock or cancelled for a supplier reason; a customer&apos;s cancellation does not count.
      </Text>
    </BlockStack>
  );
}
