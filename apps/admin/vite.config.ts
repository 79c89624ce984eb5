import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA calls the API on its own origin (/api/v1/...); in development and preview Vite forwards
// those calls, in production nginx does (see nginx.conf).
const apiUrl = process.env.CARNET_API_URL ?? 'http://localhost:3000';
const proxy = {
  '/api': { target: apiUrl, changeOrigin: true },
  '/health': { target: apiUrl, changeOrigin: true },
};

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@carnet/api-client': fileURLToPath(
        new URL('../../libs/api-client/src/index.ts', import.meta.url),
      ),
    },
  },
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // react-admin and MUI weigh about 1.1 MB minified; splitting them would not make this
    // signed-in back office load any faster.
    chunkSizeWarningLimit: 1600,
  },
});
