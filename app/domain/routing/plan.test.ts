import { describe, expect, it } from "vitest";
import { planAssignment, type PlanLine } from "./plan";

const line = (scores: Record<string, number>, units = 1, weight = 1): PlanLine => ({
  units,
  weight,
  candidates: Object.entries(scores).map(([supplierId, total]) => ({ supplierId, score: { total } })),
});

describe("planAssignment", () => {
  it("uses one supplier when one can take every line, even if others score higher per line", () => {
    const plan = planAssignment([line({ a: 0.9, c: 0.5 }), line({ b: 0.9, c: 0.5 })], 2);
    expect(plan).toEqual(["c", "c"]);
  });

  it("picks the best-scoring pair when a split is needed", () => {
    const lines = [line({ a: 0.9, b: 0.4 }), line({ b: 0.8, c: 0.9 }), line({ c: 0.7, d: 0.2 })];
    expect(planAssignment(lines, 2)).toEqual(["a", "c", "c"]);
  });

  it("weights scores by line value", () => {
    // Unweighted, {b, c} would win (2.5 vs 1.8); the valuable first line tips it to {a, c}.
    const lines = [line({ a: 0.6, b: 0.5 }, 1, 10), line({ b: 1, c: 0.2 }), line({ c: 1 })];
    expect(planAssignment(lines, 2)).toEqual(["a", "c", "c"]);
    const unweighted = [line({ a: 0.6, b: 0.5 }), line({ b: 1, c: 0.2 }), line({ c: 1 })];
    expect(planAssignment(unweighted, 2)).toEqual(["b", "b", "c"]);
  });

  it("places the most units when the parcel limit cannot place everything", () => {
    const lines = [line({ a: 0.9 }, 1), line({ b: 0.1 }, 5), line({ c: 0.5 }, 2)];
    expect(planAssignment(lines, 2)).toEqual([null, "b", "c"]);
  });

  it("breaks exact ties by supplier id", () => {
    expect(planAssignment([line({ zeta: 0.5, alpha: 0.5 })], 1)).toEqual(["alpha"]);
  });

  it("leaves lines with no eligible supplier unplaced", () => {
    expect(planAssignment([line({}), line({ a: 0.3 })], 2)).toEqual([null, "a"]);
  });

  it("covers orders beyond 32 lines, the line on bit 31 included", () => {
    const lines = Array.from({ length: 40 }, (_, i) => (i === 31 ? line({ b: 0.2 }) : line({ a: 0.9, ...(i % 2 ? { b: 0.1 } : {}) })));
    expect(planAssignment(lines, 1)).toEqual(lines.map((_, i) => (i === 31 ? null : "a")));
    expect(planAssignment(lines, 2)).toEqual(lines.map((_, i) => (i === 31 ? "b" : "a")));
    expect(planAssignment(lines.map((l, i) => (i === 31 ? line({ a: 0.3, b: 0.2 }) : l)), 2)).toEqual(lines.map(() => "a"));
  });

  it("stays within the parcel limit when the partial search turns greedy", () => {
    const suppliers = Array.from({ length: 60 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    const lines = suppliers.slice(0, 12).map((id, i) => line({ [id]: 0.5, [suppliers[(i + 30) % 60]!]: 0.4 }));
    const plan = planAssignment(lines, 4);
    expect(new Set(plan.filter(Boolean)).size).toBeLessThanOrEqual(4);
    expect(plan.filter(Boolean)).toHaveLength(4);
  });
});
