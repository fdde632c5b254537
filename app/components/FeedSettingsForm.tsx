/** The feed settings form (how it arrives, cadence, column mapping) and the upload form. */
import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export function FeedSettingsForm(props: { defaults: Record<string, string>; errors: Record<string, string>; busy: boolean }) {
  const [v, setV] = useState(props.defaults);
  const field = (name: string) => ({
    name,
    value: v[name] ?? "",
    onChange: (value: string) => setV({ ...v, [name]: value }),
    error: props.errors[name],
    autoComplete: "off",
  });
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="save" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Feed settings
          </Text>
          <FormLayout>
            <FormLayout.Group>
              <Select
                label="How the feed arrives"
                {...field("kind")}
                options={[
                  { label: "File upload", value: "upload" },
                  { label: "Pulled from a URL", value: "url" },
                  { label: "Signed push from the supplier", value: "push" },
                ]}
              />
              <TextField
                label="Expected every (minutes)"
                type="number"
                {...field("cadenceMinutes")}
                helpText="Stock older than this starts to raise the buffer."
              />
            </FormLayout.Group>
            {v.kind === "url" ? (
              <TextField label="Feed URL" {...field("url")} helpText="HTTP(S); must be a public address. Dropline sends If-None-Match / If-Modified-Since." />
            ) : null}
            <FormLayout.Group condensed>
              <TextField label="SKU column" {...field("skuColumn")} />
              <TextField label="Quantity column" {...field("quantityColumn")} />
              <TextField label="Cost column (optional)" {...field("costColumn")} />
              <TextField label="Restock date column (optional)" {...field("restockDateColumn")} />
            </FormLayout.Group>
            <FormLayout.Group condensed>
              <Select
                label="Delimiter"
                {...field("delimiter")}
                options={[
                  { label: "Detect", value: "auto" },
                  { label: "Comma", value: "," },
                  { label: "Semicolon", value: ";" },
                  { label: "Tab", value: "\t" },
                  { label: "Pipe", value: "|" },
                ]}
              />
              <Select
                label="Numbers"
                {...field("decimalStyle")}
                options={[
                  { label: "Detect", value: "auto" },
                  { label: "1,234.50", value: "point" },
                  { label: "1.234,50", value: "comma" },
                ]}
              />
              <Select
                label="Duplicate SKUs"
                {...field("duplicates")}
                options={[
                  { label: "Last row wins", value: "last-wins" },
                  { label: "Reject all their rows", value: "reject" },
                ]}
              />
            </FormLayout.Group>
          </FormLayout>
          {props.errors[""] ? (
            <Text as="p" tone="critical">
              {props.errors[""]}
            </Text>
          ) : null}
          <InlineStack>
            <Button submit variant="primary" loading={props.busy}>
              Save feed settings
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

export function FeedUploadForm({ busy, error }: { busy: boolean; error: string | undefined }) {
  return (
    <Card>
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="upload" />
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Upload a stock file
          </Text>
          <Text as="p" tone="subdued">
            CSV or JSON, mapped with the settings above. A file that looks broken is quarantined for review instead of changing stock.
          </Text>
          <input type="file" name="file" accept=".csv,.txt,.json,text/csv,application/json" aria-label="Stock file" />
          {error ? (
            <Text as="p" tone="critical">
              {error}
            </Text>
          ) : null}
          <InlineStack>
            <Button submit loading={busy}>
              Upload and check
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

/** The push endpoint; the secret in full only right after it was created (`newSecret`), else its last 4 characters. */
export function PushDetails({ url, maskedSecret, newSecret }: { url: string; maskedSecret: string; newSecret?: string | undefined }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Push endpoint
        </Text>
        <Text as="p">
          Give the supplier this URL and secret. They POST the feed with the headers X-Dropline-Timestamp and X-Dropline-Signature (HMAC-SHA256 of
          "timestamp.body"); see docs/stock-feed-push.md.
        </Text>
        <TextField label="Push URL" value={url} readOnly autoComplete="off" />
        {newSecret ? (
          <TextField label="New secret (shown once: copy it now)" value={newSecret} readOnly autoComplete="off" />
        ) : (
          <TextField
            label="Secret"
            value={maskedSecret}
            readOnly
            autoComplete="off"
            helpText="Shown once when created. Lost it? Create a new one: the supplier then needs the new secret."
          />
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="rotate" />
          <Button submit tone="critical">
            Create a new secret
          </Button>
        </Form>
      </BlockStack>
    </Card>
  );
}
