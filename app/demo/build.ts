/**
 * DEMO ONLY: which routes the demo build adds, and where that build goes. The demo's route modules
 * (app/demo/routes) are outside app/routes, so Remix's file routing never sees them; vite.config.ts
 * adds them only when DROPLINE_DEMO_BUILD=1 (set by the demo launcher), and that build goes to
 * build-demo/. A production `npm run build` therefore holds no demo route at all (issue 16,
 * finding 7), and a demo run never serves a production build or the reverse.
 */
export const DEMO_BUILD_DIRECTORY = "build-demo";

/** Whether this build (or build script) is the demo's. */
export function isDemoBuild(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DROPLINE_DEMO_BUILD === "1";
}

/** The demo's routes: URL path and module, relative to app/. */
export const DEMO_ROUTES: readonly { path: string; file: string; index?: true }[] = [
  { path: "demo", file: "demo/routes/launch.tsx", index: true },
  { path: "demo/token", file: "demo/routes/token.tsx" },
  { path: "demo/app-bridge.js", file: "demo/routes/app-bridge-js.tsx" },
  { path: "demo/mail", file: "demo/routes/mail.tsx" },
  { path: "demo/storefront", file: "demo/routes/storefront.tsx" },
];
