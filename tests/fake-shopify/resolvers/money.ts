/** Money values as the Admin API returns them: decimal strings, never floats. */
import type { View } from "./context";

export function moneyV2(amount: string, currencyCode: string): View {
  return { __typename: "MoneyV2", amount, currencyCode };
}

export function moneyBag(amount: string, currencyCode: string): View {
  return { __typename: "MoneyBag", shopMoney: moneyV2(amount, currencyCode), presentmentMoney: moneyV2(amount, currencyCode) };
}

/** Sums decimal strings exactly (in minor units). */
export function sumDecimals(values: readonly string[], factors: readonly number[] = []): string {
  let cents = 0n;
  values.forEach((v, i) => {
    const [whole = "0", frac = ""] = v.split(".");
    const minor = BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2)) * (v.startsWith("-") ? -1n : 1n);
    cents += minor * BigInt(factors[i] ?? 1);
  });
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
