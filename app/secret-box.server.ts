/**
 * Encryption at rest for the secrets Dropline keeps (issue 16, finding 6): AES-256-GCM with keys
 * from DROPLINE_ENCRYPTION_KEYS ("v2:<base64 32 bytes>,v1:<base64 32 bytes>", the first is current).
 *
 * Stored form: `enc:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts, 12-byte random IV, 16-byte
 * tag). The column's name is the additional authenticated data, so a ciphertext copied into another
 * column does not decrypt. A value without the `enc:` prefix is a legacy plaintext row: it is read
 * as it is and encrypted by the next write or by `npm run secrets:rotate`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const ENCRYPTED_PREFIX = "enc:";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/u;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionKeyError";
  }
}

/** A stored value could not be decrypted (unknown key id, tampered, or written for another column). */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

interface Key {
  readonly id: string;
  readonly bytes: Buffer;
}

const b64url = (b: Buffer) => b.toString("base64url");

export class Keyring {
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(private readonly keys: readonly Key[]) {
    if (keys.length === 0) throw new EncryptionKeyError("DROPLINE_ENCRYPTION_KEYS lists no key.");
    this.byId = new Map(keys.map((k) => [k.id, k.bytes]));
  }

  /** The key new values are written under. */
  get currentId(): string {
    return this.keys[0]!.id;
  }

  encrypt(plaintext: string, column: string): string {
    const key = this.keys[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(column, "utf8"));
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return `${ENCRYPTED_PREFIX}${key.id}:${b64url(iv)}:${b64url(cipher.getAuthTag())}:${b64url(data)}`;
  }

  /** The plaintext of a stored value; legacy plaintext comes back unchanged. */
  decrypt(stored: string, column: string): string {
    if (!isEncrypted(stored)) return stored;
    const [, keyId, iv, tag, data] = stored.split(":");
    if (keyId === undefined || iv === undefined || tag === undefined || data === undefined) {
      throw new DecryptionError(`${column} holds a malformed encrypted value.`);
    }
    const key = this.byId.get(keyId);
    if (!key) {
      throw new DecryptionError(
        `${column} is encrypted under key "${keyId}", which DROPLINE_ENCRYPTION_KEYS does not list: add it back (after the current key) and run npm run secrets:rotate.`,
      );
    }
    try {
      // A fixed tag length: GCM would otherwise accept a truncated (forgeable) tag.
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(column, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw new DecryptionError(`${column} did not decrypt under key "${keyId}" (wrong key material or a tampered value).`);
    }
  }

  /** Whether a stored value is already encrypted under the current key (rotation skips it). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${ENCRYPTED_PREFIX}${this.currentId}:`);
  }
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(ENCRYPTED_PREFIX);
}

/** Parses "id:base64key,id:base64key"; throws an error a person can act on. */
export function parseKeyring(spec: string): Keyring {
  const entries = spec
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const keys = entries.map((entry): Key => {
    const colon = entry.indexOf(":");
    const id = colon > 0 ? entry.slice(0, colon) : "";
    if (!KEY_ID.test(id))
      throw new EncryptionKeyError(
        `DROPLINE_ENCRYPTION_KEYS: each entry is <id>:<base64 key>, the id letters, digits, _ or - (got "${id || entry.slice(0, 8)}…").`,
      );
    const bytes = Buffer.from(entry.slice(colon + 1), "base64");
    if (bytes.length !== KEY_BYTES) {
      throw new EncryptionKeyError(
        `DROPLINE_ENCRYPTION_KEYS: key "${id}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32), it has ${bytes.length}.`,
      );
    }
    return { id, bytes };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new EncryptionKeyError("DROPLINE_ENCRYPTION_KEYS: a key id appears twice.");
  return new Keyring(keys);
}

/** A fresh keyring spec with one random key (the demo's, and `npm run secrets:new-key`). */
export function newKeySpec(id = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`): string {
  return `${id}:${randomBytes(KEY_BYTES).toString("base64")}`;
}
