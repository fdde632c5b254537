import { defineConfig, type UserConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { DEMO_BUILD_DIRECTORY, isDemoBuild } from "./app/demo/build";

/**
 * The job worker as its own Node bundle (build/worker/index.js), next to the Remix server build:
 * the web process runs it in a worker thread, `npm run worker` as a process. Dependencies
 * stay in node_modules (Vite's SSR build externalises them). The demo's build goes beside its own
 * server build (build-demo/worker, app/demo/build.ts).
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  publicDir: false,
  build: {
    ssr: "app/worker-entry.server.ts",
    outDir: `${isDemoBuild() ? DEMO_BUILD_DIRECTORY : "build"}/worker`,
    emptyOutDir: true,
    target: "node20",
    rollupOptions: { output: { entryFileNames: "index.js", format: "es" } },
  },
}) satisfies UserConfig;
