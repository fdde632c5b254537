import { describe, expect, it } from "vitest";
import legacy from "./decisions-v1.fixture.json";
import format2 from "./decisions-v2.fixture.json";
import { syntheticInputs } from "../../../sim/routing/synthetic";
import { routeOrder } from "./engine";
import { expandExplanation } from "./expand";
import { explanationScenarios } from "./explanation-scenarios";
import { explainDecision, readStoredDecision, type Format2RoutingDecision, type LegacyRoutingDecision } from "./stored-decision";
import { DECISION_FORMAT, type ConstraintName } from "./types";

// Decisions of these scenarios as the engine stored them in format 1 (sentences included),
// written by the engine of 2026-12-06 just before format 2.
const stored = legacy as unknown as { name: string; decision: LegacyRoutingDecision }[];
// The same scenarios as format 2 stored them (an object per candidate, codes with parameters),
// written by the engine of 2026-12-06 just before format 3 (columns).
const stored2 = format2 as unknown as { name: string; decision: Format2RoutingDecision }[];

describe("stored routing decisions", () => {
  const scenarios = explanationScenarios();

  it("cover every constraint, passed and failed, in the format 1 fixture", () => {
    const seen = new Set<string>();
    for (const { decision } of stored) {
      for (const line of decision.explanation) for (const c of line.candidates) for (const r of c.constraints) seen.add(`${r.name}:${r.passed}`);
    }
    const names: ConstraintName[] = ["supplierActive", "notExcluded", "shipsToDestination", "stockAvailable", "stockFresh", "meetsPromise", "minimumScore"];
    expect([...seen].sort()).toEqual([...names.flatMap((n) => [`${n}:false`, `${n}:true`]), "supplierKnown:false"].sort());
    expect(stored.map((s) => s.name)).toEqual(scenarios.map((s) => s.name));
  });

  for (const [i, scenario] of scenarios.entries()) {
    it(`explains "${scenario.name}" in the same words and numbers as format 1 did`, () => {
      const current = routeOrder(scenario.input, scenario.options);
      const old = stored[i]!.decision;
      expect(current.format).toBe(DECISION_FORMAT);
      // Every sentence, short detail, score part and weight a merchant could see is unchanged…
      expect(explainDecision(current)).toEqual(explainDecision(old));
      // …and so is the plan itself, hold messages included.
      const { format: _format, explanation: _now, ...plan } = current;
      const { explanation: _then, ...oldPlan } = old;
      expect(plan).toEqual(oldPlan);
    });

    it(`explains "${scenario.name}" as format 2 stored it, from its JSON`, () => {
      const current = readStoredDecision(JSON.stringify(routeOrder(scenario.input, scenario.options)));
      const old = readStoredDecision(JSON.stringify(stored2[i]!.decision));
      expect(stored2[i]!.name).toBe(scenario.name);
      expect(old.format).toBe(2);
      expect(explainDecision(current)).toEqual(explainDecision(old));
      const { format: _format, explanation: _now, ...plan } = current;
      const { format: _format2, explanation: _then, ...oldPlan } = old;
      expect(plan).toEqual(oldPlan);
    });
  }

  it("stores a 20-line × 50-supplier explanation in a fraction of format 2's bytes", () => {
    // Format 3 stores each supplier's verdicts once per order and each candidate as numbers in columns.
    const [input] = syntheticInputs(20, 50);
    const current = routeOrder(input!);
    const asFormat2 = { ...current, format: 2, explanation: expandExplanation(current) };
    const bytes = (d: unknown) => Buffer.byteLength(JSON.stringify(d));
    expect(explainDecision(readStoredDecision(JSON.stringify(asFormat2)))).toEqual(explainDecision(current));
    expect(bytes(current) * 3).toBeLessThan(bytes(asFormat2));
  });

  it("reads a format 1 decision from its JSON and explains it with the sentences it stored", () => {
    const { decision } = stored[0]!;
    const read = readStoredDecision(JSON.stringify(decision));
    expect(read.format).toBeUndefined();
    const alpha = explainDecision(read)[0]!.candidates.find((c) => c.supplierId === "alpha")!;
    expect(alpha.constraints.filter((c) => !c.passed)).toEqual([
      { name: "notExcluded", passed: false, reason: "Alpha was excluded from this routing (it rejected the order or was removed)", detail: "excluded" },
      { name: "stockAvailable", passed: false, reason: "Alpha can commit 1 unit (1 on hand, buffer 0); 2 needed", detail: "short of stock: 1 of 2 needed" },
    ]);
  });

  it("reads a format 3 decision from its JSON, and refuses a format it does not know or one without an explanation", () => {
    const decision = routeOrder(explanationScenarios()[1]!.input);
    expect(readStoredDecision(JSON.stringify(decision))).toEqual(decision);
    expect(() => readStoredDecision(JSON.stringify({ ...decision, format: 4 }))).toThrow(/format 4, which this version of Dropline cannot read/);
    const { lines: _lines, ...noLines } = decision.explanation;
    expect(() => readStoredDecision(JSON.stringify({ ...decision, explanation: noLines }))).toThrow(/has no explanation/);
    const { scores: _scores, ...noScores } = decision.explanation;
    expect(() => readStoredDecision(JSON.stringify({ ...decision, explanation: noScores }))).toThrow(/has no explanation/);
    expect(() => readStoredDecision(JSON.stringify({ ...decision, format: 2 }))).toThrow(/has no explanation/);
  });
});
