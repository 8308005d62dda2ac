/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const backend = process.env.TELEMED_BACKEND ?? "http://127.0.0.1:5080";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ["react", "react-dom", "react-router"],
          signalr: ["@microsoft/signalr"],
          vendor: ["@tanstack/react-query", "react-hook-form", "@hookform/resolvers", "zod", "i18next", "react-i18next"],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/hubs": { target: backend, ws: true, changeOrigin: false },
      "/health": { target: backend },
      "/openapi": { target: backend },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      "/api": { target: backend },
      "/hubs": { target: backend, ws: true },
      "/health": { target: backend },
      "/openapi": { target: backend },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    restoreMocks: true,
    // The test machines are shared and often busy; a slow test is not a failed one.
    testTimeout: 20_000,
  },
});
