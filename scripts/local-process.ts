/** Small helpers shared by the scripts that start the app locally (the demo, the scale benchmark). */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/** A free loopback port (the OS picks it; closed again before it is handed out). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** When the app's sources last changed: the newest file under app/ or a Vite config (a build older than this is stale). */
export function appSourceTime(root: string): number {
  const configs = ["vite.config.ts", "vite.worker.config.ts"].map((file) => fs.statSync(path.join(root, file)).mtimeMs);
  return Math.max(newestMtime(path.join(root, "app")), ...configs);
}
