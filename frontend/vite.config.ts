/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The FastAPI service serves `dist/` under `/`; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  build: { chunkSizeWarningLimit: 1000 },
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    // Pure logic runs in node; component tests ask for jsdom in their first line.
    environment: "node",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
  },
});
