import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./src/web/build/precompress.js";

export default defineConfig({
  root: "src/web",
  plugins: [react(), precompress()],
  build: { outDir: "../../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
