import { describe, expect, it } from "vitest";
import { customerNeedles, REDACTED, redactedShipTo, scrub } from "./redaction";

describe("customerNeedles", () => {
  const needles = customerNeedles({
    emails: ["Zelda.Q@Example.org", null],
    phones: ["+1 206-555-0142"],
    addresses: [{ first_name: "Zelda", last_name: "Quartermaine", name: "Zelda Quartermaine", address1: "77 Unlikely Lane", city: "Seattle", zip: "98101" }],
    notes: ['Say "hi" to Zelda'],
  });

  it("holds the full name, email (as given and lower-cased), phone, street and note", () => {
    expect(needles).toEqual(
      expect.arrayContaining(["Zelda Quartermaine", "Zelda.Q@Example.org", "zelda.q@example.org", "+1 206-555-0142", "77 Unlikely Lane", 'Say "hi" to Zelda']),
    );
  });

  it("adds the JSON-escaped form of a needle that needs escaping (as it sits inside stored JSON)", () => {
    expect(needles).toContain('Say \\"hi\\" to Zelda');
  });

  it("leaves out what other customers share: city, postcode, a first or last name alone", () => {
    for (const shared of ["Seattle", "98101", "Zelda", "Quartermaine"]) expect(needles).not.toContain(shared);
  });

  it("orders longest first, so a longer needle is replaced before one inside it", () => {
    const lengths = needles.map((n) => n.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });
});

describe("scrub", () => {
  it("replaces every occurrence and keeps JSON valid", () => {
    const json = JSON.stringify({ to: "zelda.q@example.org", text: "Dear Zelda Quartermaine, zelda.q@example.org" });
    const out = scrub(json, ["Zelda Quartermaine", "zelda.q@example.org"]);
    expect(JSON.parse(out)).toEqual({ to: REDACTED, text: `Dear ${REDACTED}, ${REDACTED}` });
  });
});

describe("redactedShipTo", () => {
  it("keeps the region for metrics and drops the person", () => {
    expect(
      redactedShipTo({
        name: "Zelda",
        address1: "77 Unlikely Lane",
        zip: "98101",
        city: "Seattle",
        province: "WA",
        countryCode: "US",
        phone: "1",
        email: "z@x",
      }),
    ).toEqual({
      name: REDACTED,
      company: null,
      address1: null,
      address2: null,
      city: null,
      province: "WA",
      zip: null,
      countryCode: "US",
      phone: null,
      email: null,
    });
  });
});
