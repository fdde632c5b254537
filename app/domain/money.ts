/** Converts a decimal amount string ("89.99", "-3.5", "1200") to integer minor units without floats. */
export function toMinorUnits(amount: string, fractionDigits = 2): number {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new Error(`Not a decimal amount: "${amount}"`);
  const [, sign, whole = "0", fraction = ""] = match;
  const padded = (fraction + "0".repeat(fractionDigits)).slice(0, fractionDigits);
  const value = Number(whole) * 10 ** fractionDigits + Number(padded || "0");
  if (!Number.isSafeInteger(value)) throw new Error(`Amount out of range: "${amount}"`);
  return sign ? -value : value;
}

/** Formats integer minor units as a decimal string ("8999" → "89.99"). */
export function fromMinorUnits(minor: number, fractionDigits = 2): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor)
    .toString()
    .padStart(fractionDigits + 1, "0");
  if (fractionDigits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -fractionDigits)}.${abs.slice(-fractionDigits)}`;
}
