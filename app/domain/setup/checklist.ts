/**
 * The first-run setup checklist: six steps in the order a merchant does them, each done or not
 * from facts the app already records. A step that needs the merchant's judgement (the routing
 * policy, the delivery promise, customer notices) is done only when they acted on its screen.
 */

export const SETUP_STEPS = ["suppliers", "offers", "feeds", "routing", "promise", "notices"] as const;
export type SetupStepKey = (typeof SETUP_STEPS)[number];

/** hidden = dismissed by the merchant; shown = reopened (stays until dismissed again). */
export const CHECKLIST_MODES = ["auto", "hidden", "shown"] as const;
export type ChecklistMode = (typeof CHECKLIST_MODES)[number];

/** What the checklist is computed from (one read of the shop's data). */
export interface SetupFacts {
  readonly activeSuppliers: number;
  readonly offers: number;
  /** Variants sold in the mapping window that no supplier offers. */
  readonly soldVariantsWithoutOffer: number;
  /** Names of suppliers that have offers but no stock feed that ever delivered a good run. */
  readonly suppliersWithoutGoodFeed: readonly string[];
  /** Suppliers that have offers. */
  readonly suppliersWithOffers: number;
  /** The merchant saved a routing policy (the engine's defaults apply until then). */
  readonly routingPolicySaved: boolean;
  /** When the merchant confirmed the delivery promise on its page, if ever. */
  readonly promiseConfirmedAt: Date | null;
  /** The merchant saved the customer-notice settings (null = never), with how many kinds are on. */
  readonly notices: { readonly saved: boolean; readonly kindsOn: number; readonly kinds: number };
  readonly mode: ChecklistMode;
}

export interface SetupStep {
  readonly key: SetupStepKey;
  readonly title: string;
  readonly done: boolean;
  /** What is true now, in words (why it is done, or what is missing). */
  readonly detail: string;
  /** The admin screen that completes the step. */
  readonly url: string;
  readonly action: string;
}

export interface SetupChecklist {
  readonly steps: readonly SetupStep[];
  readonly doneCount: number;
  readonly complete: boolean;
  /** Whether the home page shows the checklist (otherwise a link reopens it). */
  readonly visible: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type StepRule = (facts: SetupFacts) => Omit<SetupStep, "key">;

const RULES: Readonly<Record<SetupStepKey, StepRule>> = {
  suppliers: (f) => ({
    title: "Add your suppliers",
    done: f.activeSuppliers > 0,
    detail: f.activeSuppliers > 0 ? `${plural(f.activeSuppliers, "active supplier")}.` : "No active supplier yet: routing has nobody to send orders to.",
    url: "/app/suppliers",
    action: "Add a supplier",
  }),
  offers: (f) => ({
    title: "Import or map offers",
    done: f.offers > 0 && f.soldVariantsWithoutOffer === 0,
    detail:
      f.offers === 0
        ? "No offers yet: no variant can be routed to a supplier."
        : f.soldVariantsWithoutOffer > 0
          ? `${plural(f.soldVariantsWithoutOffer, "variant")} sold recently ${f.soldVariantsWithoutOffer === 1 ? "has" : "have"} no supplier offer; those lines are held at routing.`
          : `${plural(f.offers, "offer")}; every variant sold recently has one.`,
    url: f.offers === 0 ? "/app/offers" : "/app/mapping",
    action: f.offers === 0 ? "Import offers" : "Review SKU mapping",
  }),
  feeds: (f) => {
    const missing = f.suppliersWithoutGoodFeed;
    return {
      title: "Connect stock feeds",
      done: f.suppliersWithOffers > 0 && missing.length === 0,
      detail:
        f.suppliersWithOffers === 0
          ? "Add offers first: a feed updates the stock of a supplier's offers."
          : missing.length > 0
            ? `No working stock feed for ${missing.join(", ")}: their stock is only what you typed.`
            : "Every supplier with offers has a feed that delivered stock.",
      url: "/app/feeds",
      action: "Set up feeds",
    };
  },
  routing: (f) => ({
    title: "Choose the routing policy",
    done: f.routingPolicySaved,
    detail: f.routingPolicySaved ? "Policy saved." : "Orders are routed with the default balanced policy until you save one.",
    url: "/app/routing",
    action: "Choose a policy",
  }),
  promise: (f) => ({
    title: "Check the delivery promise",
    done: f.promiseConfirmedAt !== null,
    detail: f.promiseConfirmedAt
      ? `Confirmed on ${f.promiseConfirmedAt.toISOString().slice(0, 10)}.`
      : "Review what checkout promises per variant, then confirm it on the page.",
    url: "/app/promise",
    action: "Check the promise",
  }),
  notices: (f) => ({
    title: "Turn on customer notices",
    done: f.notices.saved && f.notices.kindsOn > 0,
    detail: !f.notices.saved
      ? "Review the delay notices customers receive and save your choice."
      : f.notices.kindsOn > 0
        ? `${f.notices.kindsOn} of ${f.notices.kinds} notice kinds on.`
        : "Every notice kind is off: customers hear nothing about delays.",
    url: "/app/notices",
    action: "Review notices",
  }),
};

/** The checklist for these facts: each step's state, and whether the home page shows it. */
export function setupChecklist(facts: SetupFacts): SetupChecklist {
  const steps = SETUP_STEPS.map((key) => ({ key, ...RULES[key](facts) }));
  const doneCount = steps.filter((s) => s.done).length;
  const complete = doneCount === steps.length;
  const visible = facts.mode === "shown" || (facts.mode === "auto" && !complete);
  return { steps, doneCount, complete, visible };
}

/** A stored mode read back safely (anything unknown is "auto"). */
export function parseChecklistMode(raw: string | null | undefined): ChecklistMode {
  return (CHECKLIST_MODES as readonly string[]).includes(raw ?? "") ? (raw as ChecklistMode) : "auto";
}
