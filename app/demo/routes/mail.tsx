/** DEMO ONLY: /demo/mail lists what the demo's SMTP sink received (customer notices, purchase orders, …). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { demoNotFound, demoRefusal } from "~/demo/demo.server";
import { readMailbox } from "~/demo/mailbox.server";

export async function loader(_: LoaderFunctionArgs) {
  if (demoRefusal()) throw demoNotFound();
  return { mails: readMailbox(process.env.DROPLINE_DEMO_MAILBOX) };
}

export default function DemoMailbox() {
  const { mails } = useLoaderData<typeof loader>();
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 880, margin: "2rem auto", padding: "0 1rem" }}>
      <h1>Demo mailbox</h1>
      <p>
        Every email the demo sent, as its local SMTP server received it (newest first). Nothing leaves this machine. <a href="/demo/mail">Refresh</a>
      </p>
      {mails.length === 0 ? <p>No mail yet.</p> : null}
      {mails.map((m, i) => (
        <article key={`${m.receivedAt}-${i}`} style={{ border: "1px solid #ddd", borderRadius: 8, padding: "1rem", margin: "1rem 0" }}>
          <h2 style={{ fontSize: "1.1rem", margin: "0 0 .5rem" }}>{m.subject}</h2>
          <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: ".2rem 1rem", margin: "0 0 .75rem", color: "#444" }}>
            <dt>To</dt>
            <dd style={{ margin: 0 }}>{m.to}</dd>
            <dt>From</dt>
            <dd style={{ margin: 0 }}>{m.from}</dd>
            {m.replyTo ? (
              <>
                <dt>Reply-to</dt>
                <dd style={{ margin: 0 }}>{m.replyTo}</dd>
              </>
            ) : null}
            <dt>Received</dt>
            <dd style={{ margin: 0 }}>{m.receivedAt}</dd>
          </dl>
          <pre style={{ whiteSpace: "pre-wrap", background: "#f6f6f7", padding: ".75rem", borderRadius: 6, margin: 0 }}>{m.text}</pre>
        </article>
      ))}
    </main>
  );
}
