import { describe, expect, it } from "vitest";
import { classifyAddress, isBlockedAddress, refusalFor } from "./address-policy";

describe("outbound address policy", () => {
  it("classifies every special-purpose range by name", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["10.0.0.1", "private"],
      ["172.16.5.4", "private"],
      ["192.168.1.1", "private"],
      ["127.0.0.1", "loopback"],
      ["169.254.169.254", "link-local"],
      ["100.64.0.1", "carrier-grade NAT"],
      ["0.0.0.0", "unspecified"],
      ["239.1.1.1", "multicast"],
      ["240.0.0.1", "reserved"],
      ["::1", "loopback"],
      ["::", "unspecified"],
      ["fe80::1", "link-local"],
      ["fd00::1", "private"],
      ["ff02::1", "multicast"],
      ["::ffff:10.0.0.1", "IPv4-in-IPv6"],
      ["::ffff:a9fe:a9fe", "IPv4-in-IPv6"],
      ["::ffff:8.8.8.8", "IPv4-in-IPv6"], // refused even when the IPv4 inside is public
      ["::a9fe:a9fe", "IPv4-in-IPv6"],
      ["64:ff9b::a00:1", "IPv4-in-IPv6"],
      ["2002:c000:204::1", "IPv4-in-IPv6"],
      ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "IPv4-in-IPv6"],
      ["2001:db8::1", "reserved"],
      ["4000::1", "reserved"], // outside global unicast 2000::/3
      ["fe80::1%eth0", "invalid"],
      ["127.1", "invalid"], // DNS never answers inet_aton short forms
      ["not-an-ip", "invalid"],
    ];
    for (const [address, cls] of cases) expect(classifyAddress(address), address).toBe(cls);
  });

  it("allows public addresses", () => {
    for (const address of ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "2a00:1450:4001::200e"])
      expect(isBlockedAddress(address), address).toBe(false);
  });

  it("allows loopback only when the test allowance is set, and never other private ranges or mapped loopback", () => {
    expect(refusalFor("127.0.0.1", { allowLoopback: true })).toBeUndefined();
    expect(refusalFor("127.0.0.1", { allowLoopback: false })).toMatch(/127\.0\.0\.1, a loopback address/);
    expect(refusalFor("10.0.0.1", { allowLoopback: true })).toMatch(/10\.0\.0\.1, a private address/);
    expect(refusalFor("::ffff:127.0.0.1", { allowLoopback: true })).toMatch(/IPv4-in-IPv6/);
  });
});
