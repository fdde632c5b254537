/**
 * A metric's daily trend as a Polaris Viz line chart. Polaris Viz measures the DOM and animates
 * with react-spring, so it renders in the browser only: the server (and the first client render)
 * shows the same numbers as a plain caption, then the chart module loads on mount.
 */
import { lazy, Suspense, useEffect, useState } from "react";
import { BlockStack, Text } from "@shopify/polaris";

export interface TrendSeries {
  readonly name: string;
  readonly points: readonly { readonly day: string; readonly value: number | null }[];
}

const Chart = lazy(async () => {
  const viz = await import("@shopify/polaris-viz");
  function VizLineChart({ series, unit }: { series: readonly TrendSeries[]; unit: string }) {
    return (
      <viz.PolarisVizProvider>
        <div style={{ height: 220 }}>
          <viz.LineChart
            theme="Light"
            data={series.map((s) => ({ name: s.name, data: s.points.map((p) => ({ key: p.day, value: p.value })) }))}
            yAxisOptions={{ labelFormatter: (v) => `${Math.round(Number(v) * 10) / 10}${unit}` }}
            showLegend={series.length > 1}
          />
        </div>
      </viz.PolarisVizProvider>
    );
  }
  return { default: VizLineChart };
});

/** The trend chart, client-only; `unit` is appended to axis labels (" h", "%"). */
export function TrendChart({ series, unit, summary }: { series: readonly TrendSeries[]; unit: string; summary: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  // The summary stays under the chart (screen readers, and a reader before the chart loads).
  return (
    <BlockStack gap="100">
      {mounted ? (
        <Suspense fallback={null}>
          <Chart series={series} unit={unit} />
        </Suspense>
      ) : null}
      <Text as="p" tone="subdued">
        {summary}
      </Text>
    </BlockStack>
  );
}
