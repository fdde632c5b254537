import { describe, expect, it } from "vitest";
import { addressFingerprint, BASIC_LABEL_RULES, checkAddress, isPoBox, type AddressInput, type AddressProblemCode, type LabelRules } from "./index";

const basic: LabelRules = { supplierName: "Pacific Coast", ...BASIC_LABEL_RULES };

function address(countryCode: string | null, zip: string | null, province: string | null = null, extra: Partial<AddressInput> = {}): AddressInput {
  return {
    name: "Ana Díaz",
    company: null,
    address1: "12 Main Street",
    address2: null,
    city: "Springfield",
    province,
    zip,
    countryCode,
    phone: null,
    ...extra,
  };
}

const codes = (a: AddressInput, rules: LabelRules = basic): AddressProblemCode[] => checkAddress(a, rules).problems.map((p) => p.code);

// [country, postal code, province, expected problem codes]
const COUNTRY_ROWS: readonly [string, string | null, string | null, readonly AddressProblemCode[]][] = [
  ["US", "94103", "CA", []],
  ["US", "94103-1234", "CA", []],
  ["US", "9410", "CA", ["invalid_postal_code"]],
  ["US", "94103", null, ["missing_province"]],
  ["US", null, "NY", ["missing_postal_code"]],
  ["CA", "K1A 0B1", "ON", []],
  ["CA", "k1a0b1", "ON", []],
  ["CA", "12345", "ON", ["invalid_postal_code"]],
  ["CA", "K1A 0B1", null, ["missing_province"]],
  ["GB", "SW1A 1AA", null, []],
  ["GB", "SW1A", null, ["invalid_postal_code"]],
  ["DE", "10115", null, []],
  ["DE", "1011", null, ["invalid_postal_code"]],
  ["FR", "75001", null, []],
  ["FR", "750", null, ["invalid_postal_code"]],
  ["NL", "1012 AB", null, []],
  ["NL", "1012ab", null, []],
  ["NL", "1234", null, ["invalid_postal_code"]],
  ["BE", "1000", null, []],
  ["BE", "10000", null, ["invalid_postal_code"]],
  ["IT", "00184", "RM", []],
  ["IT", "00184", null, ["missing_province"]],
  ["IT", "184", "RM", ["invalid_postal_code"]],
  ["ES", "28013", "M", []],
  ["ES", "99013", "M", ["invalid_postal_code"]],
  ["ES", "28013", null, ["missing_province"]],
  ["AU", "2000", "NSW", []],
  ["AU", "2000", null, ["missing_province"]],
  ["AU", "200", "NSW", ["invalid_postal_code"]],
  ["JP", "100-0001", "Tokyo", []],
  ["JP", "1000001", "Tokyo", []],
  ["JP", "100-001", "Tokyo", ["invalid_postal_code"]],
  ["JP", "100-0001", null, ["missing_province"]],
  ["BR", "01310-100", "SP", []],
  ["BR", "01310100", "SP", []],
  ["BR", "0131", "SP", ["invalid_postal_code"]],
  ["BR", "01310-100", null, ["missing_province"]],
  ["MX", "06000", "CMX", []],
  ["MX", "0600", "CMX", ["invalid_postal_code"]],
  ["MX", "06000", null, ["missing_province"]],
  ["IN", "110001", "DL", []],
  ["IN", "11001", "DL", ["invalid_postal_code"]],
  ["IN", "110001", null, ["missing_province"]],
  ["CN", "100000", "Beijing", []],
  ["CN", "10000", "Beijing", ["invalid_postal_code"]],
  ["CN", "100000", null, ["missing_province"]],
  ["PL", "00-950", null, []],
  ["PL", "00950", null, []],
  ["PL", "0095", null, ["invalid_postal_code"]],
  ["SE", "114 55", null, []],
  ["SE", "1145", null, ["invalid_postal_code"]],
  ["CH", "8001", null, []],
  ["CH", "80011", null, ["invalid_postal_code"]],
  ["AR", "C1425DKF", "Buenos Aires", []],
  ["AR", "1425", "Buenos Aires", []],
  ["AR", "14", "Buenos Aires", ["invalid_postal_code"]],
  // No postal codes: none needed; Ireland's Eircode is optional but checked when given.
  ["HK", null, "Kowloon", []],
  ["AE", null, "Dubai", []],
  ["AE", null, null, ["missing_province"]],
  ["IE", null, null, []],
  ["IE", "D02 X285", null, []],
  ["IE", "12345", null, ["invalid_postal_code"]],
];

describe("checkAddress: per-country postal codes and provinces", () => {
  it.each(COUNTRY_ROWS)("%s postal code %s, province %s → %j", (country, zip, province, expected) => {
    expect(codes(address(country, zip, province))).toEqual(expected);
  });

  it("covers at least 15 countries with good and bad rows", () => {
    const good = new Set(COUNTRY_ROWS.filter((r) => r[3].length === 0).map((r) => r[0]));
    const bad = new Set(COUNTRY_ROWS.filter((r) => r[3].length > 0).map((r) => r[0]));
    expect([...good].filter((c) => bad.has(c)).length).toBeGreaterThanOrEqual(15);
  });

  it("says what is wrong in words the merchant can act on", () => {
    const [problem] = checkAddress(address("NL", "1234"), basic).problems;
    expect(problem?.message).toBe(
      "The postal code '1234' is not a valid Dutch postcode (4 digits + 2 letters, e.g. 1012 AB). Edit the shipping address on the order in Shopify.",
    );
    const [state] = checkAddress(address("US", "94103", null), basic).problems;
    expect(state?.message).toContain("no state; carriers in United States need it (e.g. CA for California)");
  });

  it("names the country when it has no format hint for it", () => {
    const [problem] = checkAddress(address("RU", "12345"), basic).problems;
    expect(problem?.message).toContain("is not a valid postal code for Russia");
  });

  it("reports a country whose postal-code pattern is unknown as not checked instead of guessing", () => {
    const result = checkAddress(address("PS", "P1234"), basic);
    expect(result.problems).toEqual([]);
    expect(result.notChecked).toHaveLength(1);
    expect(result.notChecked[0]).toContain("not checked");
  });
});

describe("checkAddress: fields every label needs", () => {
  it("refuses an address with no country before anything else", () => {
    const result = checkAddress(address(null, null, null, { city: null }), basic);
    expect(result.problems.map((p) => p.code)).toEqual(["missing_country"]);
    expect(result.problems[0]?.message).toBe("The shipping address has no country. Edit the shipping address on the order in Shopify.");
  });

  it("refuses a country code carriers do not know", () => {
    expect(codes(address("QQ", "1"))).toEqual(["unknown_country"]);
  });

  it("needs a recipient (a name or a company), a street and a city", () => {
    expect(codes(address("DE", "10115", null, { name: " ", address1: null, city: "" }))).toEqual(["missing_name", "missing_street", "missing_city"]);
    expect(codes(address("DE", "10115", null, { name: null, company: "Acme GmbH" }))).toEqual([]);
  });

  it("needs no city in a city-state", () => {
    expect(codes(address("SG", "018956", null, { city: null }))).toEqual([]);
  });
});

describe("checkAddress: the supplier's label rules", () => {
  const strict: LabelRules = { supplierName: "EuroDrop Paris", requirePhone: true, refusePoBox: true, maxLineLength: 35, latinOnly: true };

  it("needs a phone number valid for the country when the carrier requires one", () => {
    expect(codes(address("FR", "75001", null, { phone: null }), strict)).toEqual(["missing_phone"]);
    expect(codes(address("FR", "75001", null, { phone: "123" }), strict)).toEqual(["invalid_phone"]);
    expect(codes(address("FR", "75001", null, { phone: "06 12 34 56 78" }), strict)).toEqual([]);
    expect(codes(address("FR", "75001", null, { phone: "+1 415 555 2671" }), strict)).toEqual([]);
    expect(codes(address("FR", "75001", null, { phone: null }), basic)).toEqual([]);
    const [missing] = checkAddress(address("FR", "75001"), strict).problems;
    expect(missing?.message).toContain("EuroDrop Paris's carrier needs the recipient's phone number");
  });

  it("refuses post-office boxes only for carriers that refuse them", () => {
    const box = address("US", "94103", "CA", { address1: "P.O. Box 123", phone: "+1 415 555 2671" });
    expect(codes(box, strict)).toEqual(["po_box"]);
    expect(codes(box, basic)).toEqual([]);
    expect(checkAddress(box, strict).problems[0]?.message).toBe(
      "EuroDrop Paris's carrier does not deliver to post-office boxes ('P.O. Box 123'). Ask the customer for a street address and edit the order's shipping address in Shopify.",
    );
  });

  it("refuses lines longer than the label prints", () => {
    const long = address("DE", "10115", null, { address1: "Straße des 17. Juni 135, Hinterhaus, 3. OG links", phone: "+49 30 1234567" });
    const problems = checkAddress(long, strict).problems;
    expect(problems.map((p) => [p.code, p.field])).toEqual([["line_too_long", "address1"]]);
    expect(problems[0]?.message).toContain("is 48 characters long");
    expect(problems[0]?.message).toContain("print at most 35");
  });

  it("refuses non-Latin script where labels need Latin, but accepts accented Latin letters", () => {
    const tokyo = address("JP", "100-0001", "Tokyo", { address1: "千代田区千代田1-1", phone: "+81 3-1234-5678" });
    expect(codes(tokyo, strict)).toEqual(["non_latin"]);
    expect(codes(tokyo, { ...strict, latinOnly: false })).toEqual([]);
    expect(codes(address("FR", "75001", null, { address1: "Rue de l'Église", city: "Besançon", phone: "0612345678" }), strict)).toEqual([]);
  });
});

describe("isPoBox", () => {
  it.each([
    "PO Box 12",
    "P.O. Box 12",
    "p o box 77",
    "POB 12",
    "Post Office Box 5",
    "GPO Box 1234",
    "Locked Bag 3",
    "Postfach 10 01 01",
    "Boîte postale 45",
    "BP 123",
    "B.P. 45",
    "Case postale 12",
    "Apartado de Correos 123",
    "Apdo. 45",
    "Casilla de correo 77",
    "Caixa Postal 1000",
    "Casella postale 9",
    "Postbus 123",
    "Postboks 45",
    "Box 123",
    "私書箱 12",
  ])("finds a box in %j", (line) => {
    expect(isPoBox(line)).toBe(true);
  });

  it.each(["12 Main Street", "Box Hill Road 4", "Poblano Lane 3", "Apartamento 4B", "Boxer Street 9", "Bpost 1", "Calle del Apóstol 5"])(
    "finds none in %j",
    (line) => {
      expect(isPoBox(line)).toBe(false);
    },
  );
});

describe("addressFingerprint", () => {
  it("changes with the address but not with case or spacing", () => {
    const a = address("NL", "1234");
    expect(addressFingerprint({ ...a, zip: " 1234 ", city: "SPRINGFIELD" })).toBe(addressFingerprint(a));
    expect(addressFingerprint({ ...a, zip: "1012 AB" })).not.toBe(addressFingerprint(a));
  });
});
