/**
 * The demo's mail: the app's ordinary SMTP mailer sends to the demo's local SMTP sink, which keeps
 * every message for /demo/mail (a demo-only page: 404 outside demo mode).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

type Loader = (args: {
  request: Request;
  params: object;
  context: object;
}) => Promise<{ mails: { to: string; from: string; replyTo: string; subject: string; text: string }[] }>;
const loadMailPage = async () => {
  const mod = (await import("../../app/demo/routes/mail")) as unknown as { loader: Loader };
  return mod.loader({ request: new Request("http://localhost/demo/mail"), params: {}, context: {} });
};

afterEach(() => {
  process.env.DROPLINE_DEMO = "0";
  delete process.env.DROPLINE_DEMO_MAILBOX;
});

describe("the demo mail viewer", () => {
  it("is not there outside demo mode", async () => {
    const refused = await loadMailPage().then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
  });

  it("lists what the sink received through the app's SMTP mailer: to, sender name, reply-to, subject and body", async () => {
    const { startDemoMailSink } = await import("../../scripts/demo/mail-sink");
    const { mailerFromEnv } = await import("../../app/services/coordination/mail.server");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dropline-mail-")), "mailbox.jsonl");
    const sink = await startDemoMailSink(file);
    try {
      const mailer = mailerFromEnv({ NODE_ENV: "test", SMTP_URL: sink.url, DROPLINE_MAIL_FROM: "Dropline <notices@dropline.invalid>" });
      await mailer.send({
        to: "ada@example.com",
        subject: "Commande #1001 : nouvelle date de livraison estimée",
        text: "Bonjour,\n\nLivraison prévue : mar. 10 mars.",
        fromName: "Maison Dupont",
        replyTo: "bonjour@maison.example",
      });
      await mailer.send({ to: "bob@example.com", subject: "Order #1002: new delivery estimate", text: "Hello" });
      process.env.DROPLINE_DEMO = "1";
      process.env.DROPLINE_DEMO_MAILBOX = file;
      const { mails } = await loadMailPage();
      expect(mails.map((m) => m.to)).toEqual(["bob@example.com", "ada@example.com"]);
      expect(mails[1]).toMatchObject({
        from: expect.stringContaining("Maison Dupont") as string,
        replyTo: "bonjour@maison.example",
        subject: "Commande #1001 : nouvelle date de livraison estimée",
        text: "Bonjour,\n\nLivraison prévue : mar. 10 mars.",
      });
      expect(mails[1]!.from).toContain("notices@dropline.invalid");
    } finally {
      await sink.close();
    }
  });
});
