import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planAssignment as planByNumber, type PlanLine } from "./plan";

/** A line with its eligible suppliers by name (the engine numbers them in name order). */
interface NamedLine {
  readonly units: number;
  readonly weight: number;
  readonly supplierIds: readonly string[];
  readonly totals: readonly number[];
}

const line = (scores: Record<string, number>, units = 1, weight = 1): NamedLine => ({
  units,
  weight,
  supplierIds: Object.keys(scores),
  totals: Object.values(scores),
});

/** `planAssignment` with suppliers named: numbered in ordinal name order, as the engine numbers them in id order. */
function planAssignment(lines: readonly NamedLine[], maxParcels: number): (string | null)[] {
  const names = [...new Set(lines.flatMap((l) => l.supplierIds))].sort();
  const numbered: PlanLine[] = lines.map((l) => ({
    units: l.units,
    weight: l.weight,
    count: l.supplierIds.length,
    supplier: l.supplierIds.map((id) => names.indexOf(id)),
    supplierAt: 0,
    totals: l.totals,
    totalAt: 0,
  }));
  return planByNumber(numbered, maxParcels).map((k) => (k === null ? null : names[k]!));
}

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
    expect(
      planAssignment(
        lines.map((l, i) => (i === 31 ? line({ a: 0.3, b: 0.2 }) : l)),
        2,
      ),
    ).toEqual(lines.map(() => "a"));
  });

  it("stays within the parcel limit when the partial search turns greedy", () => {
    const suppliers = Array.from({ length: 60 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    const lines = suppliers.slice(0, 12).map((id, i) => line({ [id]: 0.5, [suppliers[(i + 30) % 60]!]: 0.4 }));
    const plan = planAssignment(lines, 4);
    expect(new Set(plan.filter(Boolean)).size).toBeLessThanOrEqual(4);
    expect(plan.filter(Boolean)).toHaveLength(4);
  });

  it("finds the same full cover as trying every combination in order", () => {
    // The reference: every k-combination of suppliers in lexicographic order, fewest parcels first.
    const reference = (lines: NamedLine[], maxParcels: number): (string | null)[] | undefined => {
      const ids = [...new Set(lines.flatMap((l) => l.supplierIds))].sort();
      const scoreOf = (id: string, l: NamedLine) => l.totals[l.supplierIds.indexOf(id)];
      const combos = (k: number, from = 0): number[][] =>
        k === 0 ? [[]] : ids.slice(from).flatMap((_, j) => combos(k - 1, from + j + 1).map((rest) => [from + j, ...rest]));
      for (let k = 1; k <= Math.min(maxParcels, ids.length); k += 1) {
        let best: { plan: (string | null)[]; parcels: number; score: number } | undefined;
        for (const combo of combos(k)) {
          const plan = lines.map((l) => {
            let pick: string | null = null;
            for (const s of combo) if (scoreOf(ids[s]!, l) !== undefined && (pick === null || scoreOf(ids[s]!, l)! > scoreOf(pick, l)!)) pick = ids[s]!;
            return pick;
          });
          if (plan.some((p, i) => p === null && lines[i]!.supplierIds.length > 0)) continue;
          const parcels = new Set(plan.filter(Boolean)).size;
          const score = plan.reduce((sum, p, i) => sum + (p === null ? 0 : lines[i]!.weight * scoreOf(p, lines[i]!)!), 0);
          if (!best || parcels < best.parcels || (parcels === best.parcels && score > best.score + 1e-9)) best = { plan, parcels, score };
        }
        if (best) return best.plan;
      }
      return undefined;
    };
    const scores = fc.dictionary(
      fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
      fc.integer({ min: 0, max: 20 }).map((n) => n / 20),
      { maxKeys: 5 },
    );
    const linesArb = fc.array(fc.tuple(scores, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 36 });
    fc.assert(
      fc.property(linesArb, fc.integer({ min: 1, max: 3 }), (raw, maxParcels) => {
        const lines = raw.map(([s, units, weight]) => line(s, units, weight));
        const expected = reference(lines, maxParcels);
        if (expected) expect(planAssignment(lines, maxParcels)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
