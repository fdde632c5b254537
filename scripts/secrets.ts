/**
 * Encryption-key chores (README → Configuration → Encryption at rest):
 *   npm run secrets:new-key            prints a new key entry to put first in DROPLINE_ENCRYPTION_KEYS
 *   npm run secrets:rotate             re-encrypts every secret under the current (first) key
 * Rotation: put the new key first, keep the old ones after it, restart, run secrets:rotate, then
 * drop the old keys. Rows stored before encryption existed are encrypted by the same command.
 */
import { createPrismaClient, keyringFrom } from "../app/db-client.server";
import { rotateSecrets } from "../app/db-encryption.server";
import { newKeySpec } from "../app/secret-box.server";

const command = process.argv[2];
if (command === "new-key") {
  console.log(newKeySpec(process.argv[3]));
} else if (command === "rotate") {
  const keyring = keyringFrom(process.env.DROPLINE_ENCRYPTION_KEYS, "production");
  if (!keyring) throw new Error("DROPLINE_ENCRYPTION_KEYS is not set.");
  const raw = createPrismaClient(process.env.DATABASE_URL, { raw: true });
  try {
    const report = await rotateSecrets(raw, keyring);
    const total = Object.values(report.rewritten).reduce((a, b) => a + b, 0);
    console.log(`Re-encrypted ${total} value(s) under key "${keyring.currentId}" (${report.wasPlaintext} were plaintext).`);
    for (const [column, n] of Object.entries(report.rewritten)) console.log(`  ${column}: ${n}`);
    if (report.skipped > 0) console.log(`${report.skipped} value(s) changed while rotating (already under the current key); run again to confirm.`);
  } finally {
    await raw.$disconnect();
  }
} else {
  console.error("usage: tsx scripts/secrets.ts new-key [id] | rotate");
  process.exit(2);
}
