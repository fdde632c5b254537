/**
 * UPS tracking numbers the app accepts (its check digit is verified): "1Z" + a 6-character
 * shipper account + 2 service digits + 7 package digits + the check digit, as UPS computes it.
 */
const SHIPPERS: Readonly<Record<string, string>> = {
  "Pacific Coast Fulfillment": "PCF4W7",
  "Atlantic Supply Co.": "ASC9E2",
  "EuroDrop Paris": "EDP3F8",
};

export function upsTrackingNumber(supplierName: string, parcel: number): string {
  const shipper = SHIPPERS[supplierName] ?? "DLH000";
  return withCheckDigit(`${shipper}03${String(parcel % 10_000_000).padStart(7, "0")}`);
}

function withCheckDigit(body: string): string {
  const digits = [...body].map((c) => (/[0-9]/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10));
  const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 1 ? d * 2 : d), 0);
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}
