import { buildSchema, isObjectType, isInputObjectType, isEnumType } from "graphql";
import fs from "node:fs";
const s = buildSchema(fs.readFileSync("tests/fake-shopify/reference/admin-schema/2026-04.graphql","utf8"), {assumeValidSDL:true});
for (const n of process.argv.slice(2)) {
  const t = s.getType(n); if (!t) { console.log("NO", n); continue; }
  if (isEnumType(t)) { console.log(n, "=", t.getValues().map(v=>v.name).join("|")); continue; }
  console.log(n + ":");
  for (const f of Object.values(t.getFields())) console.log("  ", f.name, (f.args||[]).length? "("+f.args.map(a=>a.name+":"+a.type).join(", ")+")":"", ":", String(f.type), f.deprecationReason? "DEPRECATED":"");
}
