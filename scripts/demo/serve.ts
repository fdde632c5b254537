/**
 * Serves the demo's own build (build-demo/, app/demo/build.ts: the only build with the demo's
 * routes) on the loopback interface only. (remix-serve assumes Remix's old dev server whenever
 * NODE_ENV=development, and the demo must not run as production: its module refuses to.)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { DEMO_BUILD_DIRECTORY } from "../../app/demo/build";
import { DEMO_LISTEN_HOST, listenOnLoopback, listeningPort } from "./loopback";

const root = process.cwd();
const build = (await import(pathToFileURL(path.join(root, DEMO_BUILD_DIRECTORY, "server/index.js")).href)) as ServerBuild;
const app = express();
app.disable("x-powered-by");
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
const server = await listenOnLoopback(app, Number(process.env.PORT ?? 3000));
console.log(`[demo] app listening on http://${DEMO_LISTEN_HOST}:${listeningPort(server)} (loopback only)`);
