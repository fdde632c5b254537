/** The exceptions queue's filters: type, supplier, age and status, kept in the URL. */
import { useSearchParams } from "@remix-run/react";
import { InlineStack, Select } from "@shopify/polaris";

const words = (s: string) => s.replace(/_/g, " ");

export function Filters({ suppliers, types }: { suppliers: { id: string; name: string }[]; types: readonly string[] }) {
  const [params, setParams] = useSearchParams();
  const set = (key: string) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <InlineStack gap="300">
      <Select
        label="Type"
        value={params.get("type") ?? ""}
        onChange={set("type")}
        options={[{ label: "All types", value: "" }, ...types.map((t) => ({ label: words(t), value: t }))]}
      />
      <Select
        label="Supplier"
        value={params.get("supplierId") ?? ""}
        onChange={set("supplierId")}
        options={[{ label: "All suppliers", value: "" }, ...suppliers.map((s) => ({ label: s.name, value: s.id }))]}
      />
      <Select
        label="Open for at least"
        value={params.get("age") ?? ""}
        onChange={set("age")}
        options={[
          { label: "Any age", value: "" },
          { label: "1 day", value: "1d" },
          { label: "3 days", value: "3d" },
          { label: "7 days", value: "7d" },
        ]}
      />
      <Select
        label="Status"
        value={params.get("status") ?? "active"}
        onChange={set("status")}
        options={["active", "open", "dismissed", "closed"].map((s) => ({ label: s, value: s }))}
      />
    </InlineStack>
  );
}
