import { describe, expect, it } from "vitest";
import { customerExportCsv, EXPORT_FORMAT, type CustomerExport } from "./export";

const data: CustomerExport = {
  format: EXPORT_FORMAT,
  shop: "s.myshopify.com",
  generatedAt: "2027-01-01T00:00:00.000Z",
  customer: { id: "gid://shopify/Customer/1", email: "a@b.example", phone: null },
  recipients: ["West Coast Goods"],
  sections: {
    orders: [{ name: "#1001", shipTo: { city: "Seattle", address1: "=1+1" }, lines: [{ sku: "MUG", quantity: 2 }], cancelled: false }],
    notices: [],
  },
};

describe("customerExportCsv", () => {
  const rows = customerExportCsv(data).trim().split("\r\n");

  it("has one row per field, nested fields by path", () => {
    expect(rows[0]).toBe("section,record,field,value");
    expect(rows).toContain("customer,1,email,a@b.example");
    expect(rows).toContain("recipients,1,supplier,West Coast Goods");
    expect(rows).toContain("orders,1,shipTo.city,Seattle");
    expect(rows).toContain("orders,1,lines.0.sku,MUG");
    expect(rows).toContain("orders,1,lines.0.quantity,2");
    expect(rows).toContain("orders,1,cancelled,false");
  });

  it("neutralises a cell that a spreadsheet would run as a formula", () => {
    expect(rows.find((r) => r.startsWith("orders,1,shipTo.address1"))).toBe("orders,1,shipTo.address1,'=1+1");
  });
});
