/**
 * Serves the production build for the demo. (remix-serve assumes Remix's old dev server whenever
 * NODE_ENV=development, and the demo must not run as production: its module refuses to.)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

const root = process.cwd();
const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
const app = express();
app.disable("x-powered-by");
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`[demo] app listening on http://localhost:${port}`));
