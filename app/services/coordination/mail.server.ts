/**
 * Outbound email (purchase orders, reminders, merchant escalations) over SMTP with nodemailer.
 * SMTP_URL (e.g. smtp://user:pass@mail.example:587) configures it; without it, sending fails
 * with a message that says so, and the delivery is retried and shown on the purchase order.
 */
import nodemailer from "nodemailer";

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Stable id so the receiving side (and our tests) can tell a resend from a new message. */
  readonly messageId?: string;
  /** Sender name shown to the recipient (e.g. the shop's name); the address stays the app's. */
  readonly fromName?: string;
  /** Where the recipient's answer goes (e.g. the shop's contact email). */
  readonly replyTo?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super("Email is not configured: set SMTP_URL (e.g. smtp://user:pass@smtp.example.com:587) to send purchase orders by email.");
    this.name = "MailNotConfiguredError";
  }
}

/** The mailer for this process, from SMTP_URL and DROPLINE_MAIL_FROM. */
export function mailerFromEnv(source: Readonly<Record<string, string | undefined>> = process.env): Mailer {
  const url = source.SMTP_URL;
  const from = source.DROPLINE_MAIL_FROM || "Dropline <purchase-orders@dropline.invalid>";
  if (!url) {
    return {
      send: () => Promise.reject(new MailNotConfiguredError()),
    };
  }
  const transport = nodemailer.createTransport(url);
  // The app's own address, under a shop's name when the message speaks for a shop.
  const fromAddress = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return {
    async send(message) {
      await transport.sendMail({
        from: message.fromName ? { name: message.fromName, address: fromAddress } : from,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.messageId ? { messageId: message.messageId } : {}),
      });
    },
  };
}
