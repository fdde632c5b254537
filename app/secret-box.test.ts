import { describe, expect, it } from "vitest";
import { DecryptionError, EncryptionKeyError, isEncrypted, newKeySpec, parseKeyring } from "./secret-box.server";

const OLD = newKeySpec("v1");
const NEW = newKeySpec("v2");

describe("secret box (AES-256-GCM, versioned keys)", () => {
  it("encrypts under the first key in the versioned format and decrypts back", () => {
    const ring = parseKeyring(`${NEW},${OLD}`);
    const stored = ring.encrypt("shpat_secret-token", "Session.accessToken");
    expect(stored).toMatch(/^enc:v2:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/u);
    expect(stored).not.toContain("shpat_secret-token");
    expect(ring.decrypt(stored, "Session.accessToken")).toBe("shpat_secret-token");
    // A fresh IV each time: equal plaintexts are not recognisable in the database.
    expect(ring.encrypt("shpat_secret-token", "Session.accessToken")).not.toBe(stored);
  });

  it("reads values written under an older listed key, and refuses once that key is gone", () => {
    const before = parseKeyring(OLD).encrypt("push-secret", "StockFeed.pushSecret");
    expect(parseKeyring(`${NEW},${OLD}`).decrypt(before, "StockFeed.pushSecret")).toBe("push-secret");
    expect(parseKeyring(`${NEW},${OLD}`).isCurrent(before)).toBe(false);
    expect(() => parseKeyring(NEW).decrypt(before, "StockFeed.pushSecret")).toThrow(/key "v1", which DROPLINE_ENCRYPTION_KEYS does not list/u);
  });

  it("refuses a tampered value and a value moved to another column", () => {
    const ring = parseKeyring(NEW);
    const stored = ring.encrypt("carrier-secret", "TrackingSettings.carrierEventSecret");
    const parts = stored.split(":");
    const data = Buffer.from(parts[4]!, "base64url");
    data[0] = data[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), data.toString("base64url")].join(":");
    expect(() => ring.decrypt(tampered, "TrackingSettings.carrierEventSecret")).toThrow(DecryptionError);
    expect(() => ring.decrypt(stored, "StockFeed.pushSecret")).toThrow(DecryptionError);
    // A truncated tag is refused, not checked on fewer bytes.
    const shortTag = [...parts.slice(0, 3), Buffer.from(parts[3]!, "base64url").subarray(0, 4).toString("base64url"), parts[4]].join(":");
    expect(() => ring.decrypt(shortTag, "TrackingSettings.carrierEventSecret")).toThrow(DecryptionError);
  });

  it("passes legacy plaintext through (the rotation encrypts it)", () => {
    const ring = parseKeyring(NEW);
    expect(isEncrypted("shpat_legacy")).toBe(false);
    expect(ring.decrypt("shpat_legacy", "Session.accessToken")).toBe("shpat_legacy");
  });

  it("refuses a malformed key list with a message naming the variable", () => {
    expect(() => parseKeyring("")).toThrow(EncryptionKeyError);
    expect(() => parseKeyring("v1:c2hvcnQ=")).toThrow(/must be 32 bytes/u);
    expect(() => parseKeyring(`${NEW},${NEW}`)).toThrow(/appears twice/u);
    expect(() => parseKeyring("no-colon")).toThrow(/DROPLINE_ENCRYPTION_KEYS/u);
  });
});
