import { Badge, BlockStack, DataTable, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { CandidateView, ConstraintView, LineView, ScorePartView } from "./decision-view";

// DataTable cells do not wrap; sentences need to.
function Wrap({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  return <div style={{ whiteSpace: "normal", minWidth, maxWidth: 480 }}>{children}</div>;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function Check({ check }: { check: ConstraintView }) {
  return (
    <Text as="p" tone={check.passed ? "subdued" : "critical"} fontWeight={check.passed ? "regular" : "semibold"}>
      <Text as="span" visuallyHidden>
        {check.passed ? "Passed: " : "Failed: "}
      </Text>
      <span aria-hidden>{check.passed ? "✓ " : "✗ "}</span>
      {check.label}: {check.reason}
    </Text>
  );
}

/** Failed checks first (they are why a supplier was not used), then the ones it passed. */
function Checks({ constraints }: { constraints: readonly ConstraintView[] }) {
  const ordered = [...constraints.filter((c) => !c.passed), ...constraints.filter((c) => c.passed)];
  return (
    <Wrap minWidth={300}>
      <BlockStack gap="100">
        {ordered.map((c) => (
          <Check key={c.label} check={c} />
        ))}
      </BlockStack>
    </Wrap>
  );
}

const SHORT_LABELS: Record<ScorePartView["key"], string> = {
  speed: "Speed",
  cost: "Landed cost",
  stockConfidence: "Stock confidence",
  reliability: "Reliability",
};

/** The total, then each part as value × weight = contribution, so the merchant sees where the score came from. */
function Score({ candidate }: { candidate: CandidateView }) {
  if (candidate.total === null || !candidate.parts) {
    return (
      <Text as="span" tone="subdued">
        Not scored (failed a check)
      </Text>
    );
  }
  return (
    <Wrap minWidth={220}>
      <BlockStack gap="050">
        <Text as="span" variant="headingSm">
          {candidate.total.toFixed(3)}
        </Text>
        {candidate.parts.map((p) => (
          <Text as="span" tone="subdued" key={p.key}>
            {SHORT_LABELS[p.key]} {p.value.toFixed(2)} × {pct(p.weight)} = {p.contribution.toFixed(3)}
            {p.basis ? ` (${p.basis})` : ""}
          </Text>
        ))}
      </BlockStack>
    </Wrap>
  );
}

function Rank({ candidate }: { candidate: CandidateView }) {
  if (candidate.chosen) return <Badge tone="success">{`#${candidate.rank ?? "?"} · Chosen`}</Badge>;
  if (candidate.rank !== null) return <Text as="span">#{candidate.rank}</Text>;
  return <Badge tone="critical">Ruled out</Badge>;
}

function row(c: CandidateView): ReactNode[] {
  return [
    <Rank key="rank" candidate={c} />,
    <BlockStack key="supplier" gap="050">
      <Text as="span" fontWeight="semibold">
        {c.supplierName}
      </Text>
      <Text as="span" tone="subdued">
        SKU {c.supplierSku}
      </Text>
    </BlockStack>,
    <Score key="score" candidate={c} />,
    <Checks key="checks" constraints={c.constraints} />,
  ];
}

/** One order line's candidates: every check with its reason, each score part as value × weight, the total and the rank. */
export function LineExplanation({ line }: { line: LineView }) {
  return (
    <BlockStack gap="200">
      <Text as="h4" variant="headingSm">
        {line.quantity} × {line.title}
      </Text>
      {line.candidates.length === 0 ? (
        <Text as="p" tone="critical">
          No supplier offers this item. Map the variant to a supplier SKU to route it.
        </Text>
      ) : (
        <DataTable
          columnContentTypes={["text", "text", "text", "text"]}
          headings={["Rank", "Supplier", "Score (value × weight)", "Checks"]}
          rows={line.candidates.map(row)}
          verticalAlign="top"
          increasedTableDensity
        />
      )}
    </BlockStack>
  );
}
