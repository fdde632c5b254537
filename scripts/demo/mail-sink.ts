/**
 * The demo's SMTP sink: a real SMTP server on 127.0.0.1 (smtp-server, already a dev dependency)
 * that accepts every message and appends it to the demo mailbox file, which /demo/mail lists. The
 * app sends to it through its ordinary SMTP mailer: the demo sets SMTP_URL to this server, so no
 * mail ever leaves the machine and production's SMTP path is the one exercised.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { appendToMailbox, parseMessage } from "../../app/demo/mailbox.server";

export interface DemoMailSink {
  readonly url: string;
  readonly file: string;
  close(): Promise<void>;
}

export async function startDemoMailSink(file: string): Promise<DemoMailSink> {
  fs.writeFileSync(file, "");
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        try {
          appendToMailbox(file, parseMessage(Buffer.concat(chunks).toString("utf8"), new Date()));
          callback();
        } catch (error) {
          callback(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, file, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
