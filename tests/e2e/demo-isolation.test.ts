/**
 * Issue 16, finding 7: the demo's routes (a session-token skeleton key) are not in the production
 * build at all, and the demo listens on loopback only. The production build is the one
 * `npm run build` leaves in build/ (the validate script builds before this suite); the demo builds
 * its own into build-demo/.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestAppEnv } from "../helpers/app-env";
import { startDemo, type RunningDemo } from "../../scripts/demo/start";

const ROOT = path.resolve(__dirname, "../..");
const PRODUCTION_SERVER = path.join(ROOT, "build/server/index.js");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("the production build (npm run build)", () => {
  let routes: ServerBuild["routes"];

  beforeAll(async () => {
    if (!fs.existsSync(PRODUCTION_SERVER)) throw new Error(`No production build at ${PRODUCTION_SERVER}: run \`npm run build\` before this suite.`);
    useTestAppEnv();
    ({ routes } = (await import(pathToFileURL(PRODUCTION_SERVER).href)) as ServerBuild);
  });

  it("has the app's routes and none of the demo's", () => {
    const paths = Object.values(routes).map((route) => route?.path ?? "");
    expect(paths).toContain("app"); // the manifest read is the real one
    expect(paths.filter((p) => /^\/?demo(\/|$)/.test(p))).toEqual([]);
    expect(Object.keys(routes).filter((id) => id.includes("demo"))).toEqual([]);
  });

  it("holds no code of the demo's routes, server or browser side", () => {
    const offending = [...filesUnder(path.join(ROOT, "build/server")), ...filesUnder(path.join(ROOT, "build/client"))].filter((file) => {
      if (!/\.(js|mjs|json)$/.test(file)) return false;
      const text = fs.readFileSync(file, "utf8");
      return text.includes("mintSessionToken") || text.includes("demo/routes/") || text.includes("Demo mailbox");
    });
    expect(offending).toEqual([]);
  });
});

describe("the demo", () => {
  let demo: RunningDemo;
  let port: number;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dropline-e2e-demo-"));
    demo = await startDemo({ databaseFile: path.join(dir, "demo.sqlite"), log: () => undefined, history: false, placeOrders: false });
    port = Number(new URL(demo.appUrl).port);
  });

  afterAll(async () => {
    await demo?.stop();
  });

  it("serves its own build, with the demo routes, on loopback", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
    const token = await fetch(`http://127.0.0.1:${port}/demo/token?shop=dropline-demo.myshopify.com`);
    expect(token.status).toBe(200);
    expect(fs.existsSync(path.join(ROOT, "build-demo/server/index.js"))).toBe(true);
  });

  it.runIf(fs.existsSync("/proc/net/tcp"))("has one listening socket on its port, bound to 127.0.0.1", () => {
    const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
    const listening = ["/proc/net/tcp", "/proc/net/tcp6"]
      .filter((file) => fs.existsSync(file))
      .flatMap((file) => fs.readFileSync(file, "utf8").trim().split("\n").slice(1))
      .map((line) => line.trim().split(/\s+/))
      .filter(([, local, , state]) => state === "0A" && local?.endsWith(`:${hexPort}`))
      .map(([, local]) => local!.split(":")[0]);
    // 0100007F is 127.0.0.1 (little-endian); a wildcard bind shows as 00000000 or 000…000 in tcp6.
    expect(listening).toEqual(["0100007F"]);
  });

  it("cannot be reached on this machine's other addresses", () => {
    const addresses = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && !a.address.startsWith("fe80:"))
      .map((a) => a!.address);
    for (const address of addresses) {
      // A child process: this suite's own sockets may only reach loopback (tests/setup/no-network.ts).
      const probe = spawnSync(
        process.execPath,
        [
          "-e",
          `const s=require("net").connect({host:process.argv[1],port:Number(process.argv[2])});s.setTimeout(3000);` +
            `s.on("connect",()=>{console.log("connected");s.destroy()});s.on("error",e=>console.log(e.code));s.on("timeout",()=>{console.log("timeout");s.destroy()});`,
          address,
          String(port),
        ],
        { encoding: "utf8", timeout: 10_000 },
      );
      expect({ address, result: probe.stdout.trim() }).toEqual({ address, result: "ECONNREFUSED" });
    }
  });
});
