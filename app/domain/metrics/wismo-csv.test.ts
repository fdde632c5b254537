import { describe, expect, it } from "vitest";
import { parseWismoCsv } from "./wismo-csv";

const NOW = Date.UTC(2026, 11, 1);

describe("WISMO helpdesk CSV", () => {
  it("reads order names or numbers, instants with a zone, channels and ticket ids", () => {
    const csv = "Order Number,Contacted At,Channel,Ticket ID\n1001,2026-11-30T14:05:00+01:00,Email,T-1\n#1002,2026-11-29,chat,\n";
    expect(parseWismoCsv(csv, NOW)).toEqual({
      rows: [
        { line: 2, orderName: "#1001", contactedAtMs: Date.UTC(2026, 10, 30, 13, 5), channel: "email", ticketId: "T-1" },
        { line: 3, orderName: "#1002", contactedAtMs: Date.UTC(2026, 10, 29), channel: "chat", ticketId: null },
      ],
      problems: [],
      repeated: 0,
    });
  });

  it("reports each malformed row by its line and keeps a repeated ticket once", () => {
    const csv = [
      "order,contacted_at,channel,ticket_id",
      ",2026-11-30T10:00:00Z,email,A",
      "1001,2026-11-30 10:00,email,B",
      "1001,2026-12-05T10:00:00Z,email,C",
      "1001,2026-11-30T10:00:00Z,fax,D",
      "1001,2026-11-30T10:00:00Z,phone,E",
      "1002,2026-11-30T11:00:00Z,phone,E",
    ].join("\n");
    const parsed = parseWismoCsv(csv, NOW);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(parsed.problems[1]!.problem).toContain("with a zone");
    expect(parsed.problems[2]!.problem).toContain("in the future");
    expect(parsed.problems[3]!.problem).toContain('Unknown channel "fax"');
    expect(parsed.rows.map((r) => r.line)).toEqual([6]);
    expect(parsed.repeated).toBe(1);
  });

  it("refuses an empty or unreadable file as a whole", () => {
    expect(parseWismoCsv("order,contacted_at\n", NOW)).toEqual({ error: "The file has no contacts." });
    expect(parseWismoCsv('order,contacted_at\n"1001,2026', NOW)).toMatchObject({ error: expect.stringContaining("Not a readable CSV") });
  });
});
