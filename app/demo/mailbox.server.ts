/**
 * DEMO ONLY. The demo's mailbox: every message the demo's local SMTP sink (scripts/demo/mail-sink.ts)
 * received, one JSON line each in the file DROPLINE_DEMO_MAILBOX names, read by /demo/mail. The
 * app sends through its ordinary SMTP mailer (SMTP_URL points at the sink), so what is listed here
 * is exactly what production would hand to a real mail server.
 */
import fs from "node:fs";

export interface DemoMail {
  readonly receivedAt: string;
  readonly from: string;
  readonly to: string;
  readonly replyTo: string;
  readonly subject: string;
  readonly text: string;
}

/** Quoted-printable (nodemailer's encoding for non-ASCII text) back to UTF-8. */
function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] ?? "", "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words ("=?UTF-8?Q?…?=") back to text. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}

/** A single-part text message as nodemailer writes it: headers, blank line, body. */
export function parseMessage(raw: string, receivedAt: Date): DemoMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  const body = raw.slice(split + 4);
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text = encoding === "quoted-printable" ? decodeQuotedPrintable(body) : encoding === "base64" ? Buffer.from(body, "base64").toString("utf8") : body;
  return {
    receivedAt: receivedAt.toISOString(),
    from: decodeHeader(header("From")),
    to: decodeHeader(header("To")),
    replyTo: decodeHeader(header("Reply-To")),
    subject: decodeHeader(header("Subject")),
    text: text.replace(/\r\n/g, "\n").trimEnd(),
  };
}

export function appendToMailbox(file: string, mail: DemoMail): void {
  fs.appendFileSync(file, `${JSON.stringify(mail)}\n`);
}

/** Every message received, newest first (an unreadable line is skipped, not fatal). */
export function readMailbox(file: string | undefined): DemoMail[] {
  if (!file || !fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as DemoMail];
      } catch {
        return [];
      }
    })
    .reverse();
}
