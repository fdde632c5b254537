/**
 * Secrets are encrypted at rest (app/secret-box.server.ts): every test process gets a key unless
 * its test sets its own. A fixed, public test key, never used outside tests.
 */
export const TEST_ENCRYPTION_KEYS = "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

process.env.DROPLINE_ENCRYPTION_KEYS ||= TEST_ENCRYPTION_KEYS;
