/**
 * Which IP addresses the app may connect to when a merchant or supplier chose the URL (pulled stock
 * feeds, suppliers' purchase-order webhooks). Without it the app could be pointed at its own
 * network: cloud metadata, databases, a router's admin. Classification is ipaddr.js's (maintained,
 * knows the IANA special-purpose registries); the rule is an allow-list: only global unicast.
 *
 * Every IPv6 form that carries or reaches an IPv4 address is refused outright, whatever IPv4
 * address it holds: IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), IPv4-compatible
 * (::/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo (2001::/32). A
 * supplier's server has a plain IPv4 or a native IPv6 address; these forms only ever show up in
 * an attempt to reach something the IPv4 rule refuses.
 */
import ipaddr from "ipaddr.js";

export interface AddressPolicy {
  /** Tests serve from 127.0.0.1 / ::1; production never sets this. */
  readonly allowLoopback: boolean;
}

/** Why an address is refused, in words a merchant can read; undefined for a public address. */
export type AddressClass =
  "public" | "loopback" | "private" | "link-local" | "carrier-grade NAT" | "multicast" | "reserved" | "unspecified" | "IPv4-in-IPv6" | "invalid";

const V4: Readonly<Record<string, AddressClass>> = {
  unicast: "public",
  loopback: "loopback",
  private: "private",
  linkLocal: "link-local",
  carrierGradeNat: "carrier-grade NAT",
  multicast: "multicast",
  broadcast: "reserved",
  unspecified: "unspecified",
};

const V6: Readonly<Record<string, AddressClass>> = {
  unicast: "public",
  loopback: "loopback",
  uniqueLocal: "private",
  linkLocal: "link-local",
  multicast: "multicast",
  unspecified: "unspecified",
  ipv4Mapped: "IPv4-in-IPv6",
  rfc6145: "IPv4-in-IPv6",
  rfc6052: "IPv4-in-IPv6",
  "6to4": "IPv4-in-IPv6",
  teredo: "IPv4-in-IPv6",
};

// Global unicast is 2000::/3; anything else (IPv4-compatible ::/96 included) is not a server's address.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/** The class of one IP address (as DNS or a URL gives it; zone ids are refused). */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/gu, "");
  if (!ipaddr.isValid(bare) || bare.includes("%")) return "invalid";
  // ipaddr.isValid accepts "127.1" and "0x7f.1" (inet_aton forms); DNS and the URL parser never
  // return those, so only canonical dotted quads count as IPv4 here.
  if (!bare.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return "invalid";
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv4") return V4[parsed.range()] ?? "reserved";
  const v6 = parsed as ipaddr.IPv6;
  if (v6.toNormalizedString() === "0:0:0:0:0:0:0:0") return "unspecified";
  if (v6.toNormalizedString().startsWith("0:0:0:0:0:0:")) return v6.range() === "loopback" ? "loopback" : "IPv4-in-IPv6";
  const cls = V6[v6.range()] ?? "reserved";
  if (cls === "public" && !v6.match(GLOBAL_UNICAST_V6)) return "reserved";
  return cls;
}

/** True for every address that is not a public (global unicast) one. */
export function isBlockedAddress(address: string): boolean {
  return classifyAddress(address) !== "public";
}

/** True for 127.0.0.0/8 and ::1 (what tests may allow explicitly). */
export function isLoopbackAddress(address: string): boolean {
  return classifyAddress(address) === "loopback";
}

/** Why an address may not be connected to, or undefined when it may. */
export function refusalFor(address: string, policy: AddressPolicy, what = "The address"): string | undefined {
  const cls = classifyAddress(address);
  if (cls === "public") return undefined;
  if (cls === "loopback" && policy.allowLoopback) return undefined;
  return `${what} resolves to ${address}, a ${cls} address. Dropline only connects to public internet addresses.`;
}
