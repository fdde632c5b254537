/**
 * The address check a purchase order passes before it leaves: the fields a carrier label needs
 * for the destination country, their formats, and what the supplier's carrier refuses. Each
 * problem is one plain sentence a merchant can act on by editing the order in Shopify.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { postcodeValidator, postcodeValidatorExistsForCountry } from "postcode-validator";
import { isShopifyCountryCode } from "../country-codes";
import { NO_CITY, NO_POSTAL_CODE, normalisePostalCode, POSTAL_CODE_OPTIONAL, POSTAL_FORMATS, POSTAL_OVERRIDES, PROVINCE_REQUIRED } from "./countries";
import { isPoBox } from "./po-box";
import type { ShippingAddress } from "../purchase-order/purchase-order";

/**
 * A shipping address as the check reads it: the purchase order's fields (Shopify's order or
 * fulfillment-order destination), with the recipient's name in one field. `province` is the
 * province's name or code, whichever Shopify gave.
 */
export interface AddressInput extends Pick<ShippingAddress, "company" | "address1" | "address2" | "city" | "province" | "zip" | "countryCode" | "phone"> {
  readonly name: string | null;
}

/** What a supplier's carrier needs on its labels (a supplier setting). */
export interface LabelRules {
  /** The supplier, named in the sentences ("Pacific Coast's carrier …"). */
  readonly supplierName: string;
  readonly requirePhone: boolean;
  readonly refusePoBox: boolean;
  /** Longest line the label prints; null: no limit. */
  readonly maxLineLength: number | null;
  /** The labels print Latin letters only. */
  readonly latinOnly: boolean;
}

/** Rules no carrier can do without: what every check applies when the supplier sets nothing more. */
export const BASIC_LABEL_RULES: Omit<LabelRules, "supplierName"> = { requirePhone: false, refusePoBox: false, maxLineLength: null, latinOnly: false };

export type AddressField = "name" | "address1" | "address2" | "city" | "province" | "zip" | "country" | "phone" | "company";

export type AddressProblemCode =
  | "missing_country"
  | "unknown_country"
  | "missing_name"
  | "missing_street"
  | "missing_city"
  | "missing_province"
  | "missing_postal_code"
  | "invalid_postal_code"
  | "missing_phone"
  | "invalid_phone"
  | "po_box"
  | "line_too_long"
  | "non_latin";

export interface AddressProblem {
  readonly code: AddressProblemCode;
  readonly field: AddressField;
  /** One sentence the merchant can act on in Shopify. */
  readonly message: string;
}

export interface AddressCheck {
  readonly problems: readonly AddressProblem[];
  /** What could not be checked, and why (e.g. no known postal-code pattern for the country). */
  readonly notChecked: readonly string[];
}

const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

/** "the Netherlands"-style English name of a country code ("XX" when unknown). */
export function countryName(code: string): string {
  try {
    return REGION_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

const blank = (value: string | null | undefined): boolean => !value || value.trim() === "";

const FIX = "Edit the shipping address on the order in Shopify.";

function postalCodeProblems(zip: string | null, country: string, notChecked: string[]): AddressProblem[] {
  const format = POSTAL_FORMATS[country];
  const name = format?.name ?? `postal code for ${countryName(country)}`;
  const hint = format ? ` (${format.format}, e.g. ${format.example})` : "";
  if (blank(zip)) {
    if (NO_POSTAL_CODE.has(country) || POSTAL_CODE_OPTIONAL.has(country)) return [];
    return [{ code: "missing_postal_code", field: "zip", message: `The shipping address has no postal code; a ${name} is needed${hint}. ${FIX}` }];
  }
  if (NO_POSTAL_CODE.has(country)) return [];
  const code = normalisePostalCode(zip as string, country);
  const override = POSTAL_OVERRIDES[country];
  if (!override && !postcodeValidatorExistsForCountry(country)) {
    notChecked.push(`Postal code '${zip}': Dropline knows no postal-code pattern for ${countryName(country)}, so its format was not checked.`);
    return [];
  }
  const valid = override ? override.test(code) : postcodeValidator(code, country);
  if (valid) return [];
  return [{ code: "invalid_postal_code", field: "zip", message: `The postal code '${(zip as string).trim()}' is not a valid ${name}${hint}. ${FIX}` }];
}

function phoneProblems(phone: string | null, country: string, rules: LabelRules): AddressProblem[] {
  if (!rules.requirePhone) return [];
  if (blank(phone)) {
    return [
      {
        code: "missing_phone",
        field: "phone",
        message: `${rules.supplierName}'s carrier needs the recipient's phone number and the shipping address has none. Add it to the shipping address on the order in Shopify.`,
      },
    ];
  }
  const parsed = parsePhoneNumberFromString((phone as string).trim(), isShopifyCountryCode(country) ? (country as never) : undefined);
  if (parsed?.isValid()) return [];
  return [
    {
      code: "invalid_phone",
      field: "phone",
      message: `The phone number '${(phone as string).trim()}' is not a valid phone number for ${countryName(country)} (nor in international form, e.g. +33 6 12 34 56 78); ${rules.supplierName}'s carrier needs one. ${FIX}`,
    },
  ];
}

const LINES: readonly { readonly field: AddressField; readonly label: string }[] = [
  { field: "name", label: "The recipient's name" },
  { field: "company", label: "The company" },
  { field: "address1", label: "Address line 1" },
  { field: "address2", label: "Address line 2" },
  { field: "city", label: "The city" },
];

function labelProblems(address: AddressInput, rules: LabelRules): AddressProblem[] {
  const problems: AddressProblem[] = [];
  if (rules.refusePoBox) {
    const box = [address.address1, address.address2].find((line) => isPoBox(line));
    if (box) {
      problems.push({
        code: "po_box",
        field: box === address.address1 ? "address1" : "address2",
        message: `${rules.supplierName}'s carrier does not deliver to post-office boxes ('${box.trim()}'). Ask the customer for a street address and edit the order's shipping address in Shopify.`,
      });
    }
  }
  for (const { field, label } of LINES) {
    const value = (address[field as keyof AddressInput] ?? "").trim();
    if (value === "") continue;
    const length = [...value].length;
    if (rules.maxLineLength !== null && length > rules.maxLineLength) {
      problems.push({
        code: "line_too_long",
        field,
        message: `${label} is ${length} characters long ('${value}'); ${rules.supplierName}'s labels print at most ${rules.maxLineLength}. Shorten it (move the rest to address line 2) on the order in Shopify.`,
      });
    }
    // A letter that is not Latin (accented Latin letters are Latin).
    if (rules.latinOnly && /(?=\p{L})\P{Script=Latin}/u.test(value)) {
      problems.push({
        code: "non_latin",
        field,
        message: `${label} ('${value}') is not in Latin letters, which ${rules.supplierName}'s labels need. Enter it in Latin letters on the order in Shopify.`,
      });
    }
  }
  return problems;
}

/**
 * Checks a shipping address against the destination country's rules and the supplier's label
 * rules; an empty `problems` list means the purchase order may leave.
 */
export function checkAddress(address: AddressInput, rules: LabelRules): AddressCheck {
  const notChecked: string[] = [];
  const country = (address.countryCode ?? "").trim().toUpperCase();
  if (country === "") {
    return { problems: [{ code: "missing_country", field: "country", message: `The shipping address has no country. ${FIX}` }], notChecked };
  }
  if (!isShopifyCountryCode(country)) {
    return {
      problems: [
        { code: "unknown_country", field: "country", message: `The shipping address's country code '${country}' is not a country carriers know. ${FIX}` },
      ],
      notChecked,
    };
  }
  const problems: AddressProblem[] = [];
  const where = countryName(country);
  if (blank(address.name) && blank(address.company)) {
    problems.push({ code: "missing_name", field: "name", message: `The shipping address has no recipient name. ${FIX}` });
  }
  if (blank(address.address1) && blank(address.address2)) {
    problems.push({ code: "missing_street", field: "address1", message: `The shipping address has no street address. ${FIX}` });
  }
  if (blank(address.city) && !NO_CITY.has(country)) {
    problems.push({ code: "missing_city", field: "city", message: `The shipping address has no city. ${FIX}` });
  }
  const province = PROVINCE_REQUIRED[country];
  if (province && blank(address.province)) {
    problems.push({
      code: "missing_province",
      field: "province",
      message: `The shipping address has no ${province.word}; carriers in ${where} need it (e.g. ${province.example}). ${FIX}`,
    });
  }
  problems.push(...postalCodeProblems(address.zip, country, notChecked));
  problems.push(...phoneProblems(address.phone, country, rules));
  problems.push(...labelProblems(address, rules));
  return { problems, notChecked };
}

/**
 * The address reduced to what the check reads, so a re-check can tell whether anything changed
 * (case and spacing do not count).
 */
export function addressFingerprint(address: AddressInput): string {
  const norm = (value: string | null) => (value ?? "").trim().replace(/\s+/g, " ").toLowerCase();
  return [address.name, address.company, address.address1, address.address2, address.city, address.province, address.zip, address.countryCode, address.phone]
    .map(norm)
    .join("|");
}
