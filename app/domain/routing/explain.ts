/**
 * The words of an explanation, rendered from a constraint's parameters only when someone reads
 * them (the admin, a hold message). Routing itself stores codes and numbers, not sentences.
 */
import { formatDuration } from "./format";
import type { ConstraintName, ConstraintResult } from "./types";

/** A verdict in words: the full sentence, and the short form hold messages quote ("ok" when it passed). */
export interface ConstraintWords {
  readonly reason: string;
  readonly detail: string;
}

type Renderer<N extends ConstraintName> = (result: Extract<ConstraintResult, { name: N }>, supplierName: string) => ConstraintWords;

const ok = (reason: string): ConstraintWords => ({ reason, detail: "ok" });
const unitWord = (n: number): string => `${n} unit${n === 1 ? "" : "s"}`;

const RENDERERS: { readonly [N in ConstraintName]: Renderer<N> } = {
  supplierKnown: (_r, supplierId) => ({
    reason: `No supplier record for ${supplierId}; set the supplier up before routing to it`,
    detail: "no supplier record",
  }),
  supplierActive: (r, name) => (r.passed ? ok(`${name} is active`) : { reason: `${name} is paused; paused suppliers receive no orders`, detail: "paused" }),
  notExcluded: (r, name) =>
    r.passed ? ok(`${name} is not excluded`) : { reason: `${name} was excluded from this routing (it rejected the order or was removed)`, detail: "excluded" },
  shipsToDestination: (r, name) =>
    r.transit
      ? ok(`${name} ships to ${r.region} in ${r.transit.min}–${r.transit.max} business days`)
      : { reason: `${name} does not ship to ${r.region}`, detail: `does not ship to ${r.region}` },
  stockAvailable: (r, name) => {
    const basis = r.buffered ? `buffered quantity, ${r.onHand} on hand` : `${r.onHand} on hand, buffer ${r.minBuffer}`;
    const reason = `${name} can commit ${unitWord(r.available)} (${basis}); ${r.needed} needed`;
    if (r.passed) return ok(reason);
    const kind = r.available === 0 ? "out of stock" : "short of stock";
    return { reason, detail: `${kind}: ${r.available} of ${r.needed} needed` };
  },
  stockFresh: (r) => {
    const age = formatDuration(r.ageMs);
    const trust = formatDuration(r.maxAgeMs);
    return r.passed
      ? ok(`Stock updated ${age} ago; policy trusts stock for ${trust}`)
      : { reason: `Stock last updated ${age} ago; policy trusts stock for ${trust}`, detail: `stock ${age} old` };
  },
  meetsPromise: (r, name) => {
    const promise = r.sla
      ? `the ${r.sla} channel's SLA of ${r.promisedBusinessDays} business days (by ${r.deadline})`
      : `the ${r.serviceLevel} promise of ${r.promisedBusinessDays} business days (by ${r.deadline})`;
    if (r.error !== null) return { reason: `${name}'s delivery window cannot be computed: ${r.error}`, detail: "delivery window unknown" };
    if (r.latest === null) return { reason: `${name} has no delivery estimate for ${r.region}`, detail: `no delivery estimate for ${r.region}` };
    if (r.passed) return ok(`${name} delivers ${r.earliest} – ${r.latest}, within ${promise}`);
    return {
      reason: `${name} would deliver by ${r.latest} at the latest, missing ${promise}`,
      detail: `misses the ${r.sla ? `${r.sla} SLA` : `${r.serviceLevel} promise`}: latest ${r.latest}, promised by ${r.deadline}`,
    };
  },
  minimumScore: (r) => ({
    reason: `Scored ${r.total.toFixed(3)}; the policy's minimum is ${r.minScore.toFixed(3)}`,
    detail: r.passed ? "ok" : `scored ${r.total.toFixed(2)}, below ${r.minScore.toFixed(2)}`,
  }),
};

/** One constraint's verdict in the words a merchant reads, for the named supplier (its id when it has no record). */
export function constraintWords(result: ConstraintResult, supplierName: string): ConstraintWords {
  return (RENDERERS[result.name] as Renderer<ConstraintName>)(result, supplierName);
}
