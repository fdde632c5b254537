/**
 * The production web server (`npm start`): remix-serve's setup (static assets,
 * Remix's request handler, HOST/PORT; compression is left to the proxy in front) with our own access log, which never prints a portal token,
 * a query-string credential or a header (server/access-log.mjs). remix-serve logs every URL as it
 * came (morgan "tiny"), portal links included.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { accessLog } from "./access-log.mjs";

const root = process.cwd();
const build = await import(pathToFileURL(path.join(root, "build/server/index.js")).href);
const port = Number(process.env.PORT ?? 3000);

const app = express();
app.disable("x-powered-by");
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.use(accessLog());
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

// The webhook inbox's start-up (the queue's schema check, its connections) before the first delivery, not on its time.
try {
  await build.entry.module.warm?.();
} catch (error) {
  console.error("[dropline] warming the webhook inbox failed; deliveries will open it", error);
}

const onListen = () => console.log(`[dropline] listening on port ${port}`);
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close((error) => error && console.error(error)));
