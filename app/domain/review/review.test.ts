import { describe, expect, it } from "vitest";
import { causeOfCase, causeOfTask } from "./causes";
import { composeDigest } from "./digest";
import { parseReviewNoteForm } from "./note-form";
import { addressProblemCounts, causeTrend, groupReview, type ReviewItem } from "./group";
import { isIsoWeek, isoWeekOf, shiftWeek, weekRange } from "./week";

const item = (id: string, source: "case" | "task", type: string, supplierId: string | null, channel: string | null, open = true): ReviewItem => ({
  id,
  source,
  type,
  supplierId,
  channel,
  orderName: `#${id}`,
  open,
});

/** A hand-made week: 7 exceptions over two suppliers and two channels, one of an unknown type. */
const WEEK: ReviewItem[] = [
  item("1", "case", "stockout_after_accept", "acme", "online-store"),
  item("2", "task", "no_acknowledgement", "acme", "online-store", false),
  item("3", "task", "stockout_unresolved", "acme", "pos"),
  item("4", "case", "label_without_pickup", "bolt", "online-store", false),
  item("5", "case", "lost", "bolt", "pos"),
  item("6", "case", "returned_to_sender", null, null),
  item("7", "case", "split_confusion", "bolt", "online-store"),
];

describe("causes", () => {
  it("maps every existing case type and ladder task to a cause", () => {
    expect(
      [
        "no_tracking_by_ship_date",
        "label_without_pickup",
        "no_movement",
        "past_promised_delivery",
        "failed_delivery",
        "returned_to_sender",
        "lost",
        "stockout_after_accept",
      ].map(causeOfCase),
    ).toEqual(["label", "pickup", "carrier", "carrier", "address", "address", "carrier", "stock_confirmation"]);
    expect(causeOfTask("no_acknowledgement")).toBe("supplier_no_response");
    expect(causeOfTask("stockout_unresolved")).toBe("stock_confirmation");
  });

  it("tolerates types it does not know (another branch's new case types) as 'other'", () => {
    expect(causeOfCase("split_confusion")).toBe("other");
    expect(causeOfCase("constructor")).toBe("other");
    expect(causeOfTask("something_new")).toBe("other");
    expect(causeOfCase("damaged")).toBe("carrier");
  });
});

describe("groupReview", () => {
  it("groups by cause in the review's order, with open counts", () => {
    expect(groupReview(WEEK, "cause").map((g) => [g.key, g.count, g.open, g.itemIds])).toEqual([
      ["stock_confirmation", 2, 2, ["1", "3"]],
      ["supplier_no_response", 1, 0, ["2"]],
      ["pickup", 1, 0, ["4"]],
      ["carrier", 1, 1, ["5"]],
      ["address", 1, 1, ["6"]],
      ["other", 1, 1, ["7"]],
    ]);
  });

  it("groups by supplier, largest first, the supplier-less group last, with each group's causes", () => {
    const groups = groupReview(WEEK, "supplier");
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ["acme", 3],
      ["bolt", 3],
      ["", 1],
    ]);
    expect(groups[0]!.causes).toMatchObject({ stock_confirmation: 2, supplier_no_response: 1, carrier: 0 });
    expect(groups[1]!.causes).toMatchObject({ pickup: 1, carrier: 1, other: 1 });
  });

  it("groups by channel", () => {
    expect(groupReview(WEEK, "channel").map((g) => [g.key, g.count, g.open])).toEqual([
      ["online-store", 4, 2],
      ["pos", 2, 2],
      ["", 1, 1],
    ]);
  });

  it("compares this week with last by cause", () => {
    const last = [
      item("a", "case", "lost", "bolt", "pos"),
      item("b", "case", "no_movement", "bolt", "pos"),
      item("c", "case", "no_tracking_by_ship_date", "acme", "pos"),
    ];
    expect(causeTrend(WEEK, last)).toEqual([
      { cause: "stock_confirmation", thisWeek: 2, lastWeek: 0 },
      { cause: "supplier_no_response", thisWeek: 1, lastWeek: 0 },
      { cause: "label", thisWeek: 0, lastWeek: 1 },
      { cause: "pickup", thisWeek: 1, lastWeek: 0 },
      { cause: "carrier", thisWeek: 1, lastWeek: 2 },
      { cause: "address", thisWeek: 1, lastWeek: 0 },
      { cause: "other", thisWeek: 1, lastWeek: 0 },
    ]);
  });
});

describe("ISO weeks", () => {
  it("numbers weeks as ISO 8601 does across year ends", () => {
    expect(isoWeekOf("2026-12-07")).toBe("2026-W50");
    expect(isoWeekOf("2026-12-06")).toBe("2026-W49");
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(weekRange("2026-W50")).toEqual({ week: "2026-W50", fromDay: "2026-12-07", toDay: "2026-12-13" });
    expect(weekRange("2025-W01")).toEqual({ week: "2025-W01", fromDay: "2024-12-30", toDay: "2025-01-05" });
  });

  it("steps back and forward over a year end and rejects weeks that do not exist", () => {
    expect(shiftWeek("2021-W01", -1)).toBe("2020-W53");
    expect(shiftWeek("2020-W53", 1)).toBe("2021-W01");
    expect(isIsoWeek("2020-W53")).toBe(true);
    expect(isIsoWeek("2025-W53")).toBe(false);
    expect(isIsoWeek("2026-W7")).toBe(false);
    expect(() => weekRange("2025-W53")).toThrow(/not an ISO week/);
  });
});

describe("composeDigest", () => {
  it("summarises the week by cause against last week, with the open alerts", () => {
    const mail = composeDigest({
      shopName: "Camp Co",
      week: "2026-W49",
      fromDay: "2026-11-30",
      toDay: "2026-12-06",
      trend: [
        { cause: "carrier", thisWeek: 3, lastWeek: 1 },
        { cause: "label", thisWeek: 0, lastWeek: 1 },
      ],
      openAlerts: [
        { message: "Order-to-ship time for supplier Acme has been above your threshold of 72.0 h for 3 consecutive days.", openedDay: "2026-12-04" },
      ],
      notesWritten: 1,
      reviewUrl: "https://app/app/review?week=2026-W49",
      alertsUrl: "https://app/app/alerts",
    });
    expect(mail.subject).toBe("Dropline weekly review 2026-W49: 3 exceptions, 1 open alert");
    expect(mail.text).toContain("Exceptions this week: 3 (+1 on last week; last week 2).");
    expect(mail.text).toContain("  • Carrier: 3 (last week 1)");
    expect(mail.text).toContain("  • Label: 0 (last week 1)");
    expect(mail.text).toContain("Open alerts (1):");
  });
});

describe("parseReviewNoteForm", () => {
  const note = {
    week: "2026-W10",
    groupBy: "supplier",
    groupKey: "sup-1",
    whatHappened: "Two parcels stalled",
    why: "Depot strike",
    prevention: "Route EU elsewhere",
    linkTarget: "routing",
  };

  it("accepts a complete note", () => {
    expect(parseReviewNoteForm(note)).toEqual({ ok: true, value: note });
  });

  it.each([
    [{ why: "  " }, "Say why it happened."],
    [{ week: "2025-W53" }, "Pick a week."],
    [{ prevention: "x".repeat(2001) }, 'Keep "which rule prevents a repeat" under 2000 characters.'],
  ])("rejects %j", (change, message) => {
    expect(parseReviewNoteForm({ ...note, ...change })).toEqual({ ok: false, message });
  });
});

describe("address problems by channel and country", () => {
  const at = (id: string, source: "case" | "task", type: string, channel: string | null, country: string | null, open = true): ReviewItem => ({
    ...item(id, source, type, null, channel, open),
    country,
  });
  const items: ReviewItem[] = [
    at("a1", "task", "address_hold", "web", "US"),
    at("a2", "task", "address_hold", "web", "FR", false),
    at("a3", "task", "address_hold", "amazon", "US"),
    at("a4", "case", "failed_delivery", "web", "US", false),
    at("a5", "case", "lost", "web", "US"),
    at("a6", "task", "no_acknowledgement", "amazon", "US"),
    at("a7", "case", "returned_to_sender", null, null),
  ];

  it("counts address holds and carrier address failures per channel, largest first, unknown last", () => {
    expect(causeOfTask("address_hold")).toBe("address");
    expect(addressProblemCounts(items).byChannel).toEqual([
      { key: "web", count: 3, open: 1, heldBeforeLeaving: 2 },
      { key: "amazon", count: 1, open: 1, heldBeforeLeaving: 1 },
      { key: "", count: 1, open: 1, heldBeforeLeaving: 0 },
    ]);
  });

  it("counts them per destination country", () => {
    expect(addressProblemCounts(items).byCountry).toEqual([
      { key: "US", count: 3, open: 2, heldBeforeLeaving: 2 },
      { key: "FR", count: 1, open: 0, heldBeforeLeaving: 1 },
      { key: "", count: 1, open: 1, heldBeforeLeaving: 0 },
    ]);
  });
});
