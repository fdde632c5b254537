/**
 * Which IP addresses a pulled feed URL may reach. A merchant types the URL, so without this the
 * app could be pointed at its own network (metadata services, databases, the admin of a router).
 * Checked on the addresses DNS returns, and the connection is pinned to the checked address.
 */
import net from "node:net";

function ipv4Parts(address: string): number[] | null {
  const parts = address.split(".").map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : null;
}

function blockedV4([a, b]: number[]): boolean {
  const x = a ?? 0;
  const y = b ?? 0;
  return (
    x === 0 || // "this network"
    x === 10 ||
    x === 127 || // loopback
    (x === 100 && y >= 64 && y <= 127) || // carrier-grade NAT
    (x === 169 && y === 254) || // link-local, cloud metadata
    (x === 172 && y >= 16 && y <= 31) ||
    (x === 192 && y === 168) ||
    (x === 192 && y === 0) || // IETF protocol assignments
    (x === 198 && (y === 18 || y === 19)) || // benchmarking
    x >= 224 // multicast and reserved
  );
}

function blockedV6(address: string): boolean {
  const a = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(a);
  if (mapped?.[1]) return isBlockedAddress(mapped[1]);
  return (
    a === "::" ||
    a === "::1" ||
    /^fe[89ab]/u.test(a) || // link-local
    /^f[cd]/u.test(a) || // unique local
    /^ff/u.test(a) || // multicast
    a.startsWith("64:ff9b:") || // NAT64 can reach private IPv4
    a.startsWith("2001:db8:")
  );
}

/** True for private, loopback, link-local and other non-public addresses. */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) {
    const parts = ipv4Parts(address);
    return parts === null || blockedV4(parts);
  }
  if (family === 6) return blockedV6(address);
  return true;
}

/** True for 127.0.0.0/8 and ::1 (what tests may allow explicitly). */
export function isLoopbackAddress(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address === "::ffff:127.0.0.1";
}

export interface AddressPolicy {
  /** Tests serve feeds from 127.0.0.1; production never sets this. */
  readonly allowLoopback: boolean;
}

/** Why an address may not be fetched, or undefined when it may. */
export function refusalFor(address: string, policy: AddressPolicy): string | undefined {
  if (policy.allowLoopback && isLoopbackAddress(address)) return undefined;
  if (!isBlockedAddress(address)) return undefined;
  return `The feed address resolves to ${address}, a private, loopback or link-local address. ` + "Dropline only fetches feeds from public internet addresses.";
}
