import { describe, expect, it } from "vitest";
import { parseChecklistMode, setupChecklist, type SetupFacts } from "./checklist";

const finished: SetupFacts = {
  activeSuppliers: 2,
  offers: 10,
  soldVariantsWithoutOffer: 0,
  suppliersWithoutGoodFeed: [],
  suppliersWithOffers: 2,
  routingPolicySaved: true,
  promiseConfirmedAt: new Date("2026-12-01T10:00:00Z"),
  notices: { saved: true, kindsOn: 4, kinds: 4 },
  mode: "auto",
};

const fresh: SetupFacts = {
  activeSuppliers: 0,
  offers: 0,
  soldVariantsWithoutOffer: 0,
  suppliersWithoutGoodFeed: [],
  suppliersWithOffers: 0,
  routingPolicySaved: false,
  promiseConfirmedAt: null,
  notices: { saved: false, kindsOn: 4, kinds: 4 },
  mode: "auto",
};

const step = (facts: SetupFacts, key: string) => setupChecklist(facts).steps.find((s) => s.key === key)!;

describe("setup checklist", () => {
  it("lists the six steps in the order a merchant does them, each linking to its screen", () => {
    const list = setupChecklist(fresh);
    expect(list.steps.map((s) => [s.key, s.url])).toEqual([
      ["suppliers", "/app/suppliers"],
      ["offers", "/app/offers"],
      ["feeds", "/app/feeds"],
      ["routing", "/app/routing"],
      ["promise", "/app/promise"],
      ["notices", "/app/notices"],
    ]);
    expect(list.doneCount).toBe(0);
    expect(list.visible).toBe(true);
  });

  it("is complete and hidden once every step is done", () => {
    const list = setupChecklist(finished);
    expect(list.steps.every((s) => s.done)).toBe(true);
    expect(list.complete).toBe(true);
    expect(list.visible).toBe(false);
  });

  it("stays visible when reopened, even complete, and hides when dismissed, even incomplete", () => {
    expect(setupChecklist({ ...finished, mode: "shown" }).visible).toBe(true);
    expect(setupChecklist({ ...fresh, mode: "hidden" }).visible).toBe(false);
  });

  it("counts only active suppliers", () => {
    expect(step({ ...fresh, activeSuppliers: 0 }, "suppliers").done).toBe(false);
    expect(step({ ...fresh, activeSuppliers: 1 }, "suppliers").detail).toBe("1 active supplier.");
  });

  it("keeps offers open while a variant sold recently has no offer, and then points at the mapping report", () => {
    const gap = step({ ...finished, soldVariantsWithoutOffer: 3 }, "offers");
    expect(gap.done).toBe(false);
    expect(gap.url).toBe("/app/mapping");
    expect(gap.detail).toMatch(/3 variants sold recently have no supplier offer/);
    expect(step(fresh, "offers").url).toBe("/app/offers");
  });

  it("keeps feeds open until every supplier with offers has a feed that delivered", () => {
    const missing = step({ ...finished, suppliersWithoutGoodFeed: ["Atlantic Supply Co."] }, "feeds");
    expect(missing.done).toBe(false);
    expect(missing.detail).toMatch(/Atlantic Supply Co\./);
    expect(step({ ...fresh, suppliersWithOffers: 0 }, "feeds").done).toBe(false);
  });

  it("needs the merchant's own act for routing, promise and notices: defaults do not count", () => {
    const defaults = setupChecklist({ ...finished, routingPolicySaved: false, promiseConfirmedAt: null, notices: { saved: false, kindsOn: 4, kinds: 4 } });
    expect(defaults.steps.filter((s) => !s.done).map((s) => s.key)).toEqual(["routing", "promise", "notices"]);
  });

  it("does not count notices as on when the merchant saved every kind off", () => {
    const off = step({ ...finished, notices: { saved: true, kindsOn: 0, kinds: 4 } }, "notices");
    expect(off.done).toBe(false);
    expect(off.detail).toMatch(/Every notice kind is off/);
  });

  it("reads an unknown stored mode as auto", () => {
    expect(parseChecklistMode("shown")).toBe("shown");
    expect(parseChecklistMode("bogus")).toBe("auto");
    expect(parseChecklistMode(null)).toBe("auto");
  });
});
