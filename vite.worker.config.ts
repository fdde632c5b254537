import { defineConfig, type UserConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * The job worker as its own Node bundle (build/worker/index.js), next to the Remix server build:
 * the web process runs it in a worker thread, `npm run worker` as a process. Dependencies
 * stay in node_modules (Vite's SSR build externalises them).
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  publicDir: false,
  build: {
    ssr: "app/worker-entry.server.ts",
    outDir: "build/worker",
    emptyOutDir: true,
    target: "node20",
    rollupOptions: { output: { entryFileNames: "index.js", format: "es" } },
  },
}) satisfies UserConfig;
