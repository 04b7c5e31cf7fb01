import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

/**
 * The web app (`npm run web:dev`, `npm run build:web`): served under /app/, built to dist/web at
 * the repository root. In development the app calls its own origin and this server forwards the
 * graph's paths to GATEWAY_URL (default the local gateway), so it runs alone against a remote
 * gateway without a CORS entry; a built app calls its own origin too, unless
 * localStorage["customs.gatewayUrl"] or VITE_GATEWAY_URL names the gateway (web/src/config.ts).
 */
const WEB_ROOT = path.dirname(fileURLToPath(import.meta.url));
const GATEWAY_URL = process.env.GATEWAY_URL ?? "http://127.0.0.1:4000";

const toGateway: ProxyOptions = { target: GATEWAY_URL, changeOrigin: true };
const proxy: Record<string, ProxyOptions> = {
  // Server-sent events (graphql-sse) go through as a stream.
  "/graphql/stream": toGateway,
  "/graphql": toGateway,
  "/auth": toGateway,
};

export default defineConfig({
  root: WEB_ROOT,
  base: "/app/",
  // Vite's dependency cache with the others (rather than a web/node_modules of its own).
  cacheDir: path.resolve(WEB_ROOT, "..", "node_modules", ".vite", "web"),
  plugins: [react()],
  build: {
    outDir: path.resolve(WEB_ROOT, "..", "dist", "web"),
    emptyOutDir: true,
  },
  server: { proxy },
  preview: { proxy },
});
