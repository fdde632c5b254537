import { describe, expect, it } from "vitest";
import { isBlockedAddress, refusalFor } from "./address-policy";

describe("feed URL address policy", () => {
  it("refuses private, loopback, link-local, CGNAT and mapped/NAT64 forms of them", () => {
    for (const address of [
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "127.0.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:10.0.0.1",
      "64:ff9b::a00:1",
    ]) {
      expect(isBlockedAddress(address), address).toBe(true);
    }
  });

  it("allows public addresses", () => {
    for (const address of ["93.184.216.34", "172.32.0.1", "2606:4700::1111"]) expect(isBlockedAddress(address), address).toBe(false);
  });

  it("allows loopback only when the test allowance is set, and never other private ranges", () => {
    expect(refusalFor("127.0.0.1", { allowLoopback: true })).toBeUndefined();
    expect(refusalFor("127.0.0.1", { allowLoopback: false })).toMatch(/private, loopback or link-local/);
    expect(refusalFor("10.0.0.1", { allowLoopback: true })).toMatch(/10\.0\.0\.1/);
  });
});
