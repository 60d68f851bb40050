// Builds the web application into web/dist, which the Shixu server serves at /.
// `npx vite --config web/vite.config.ts` runs a dev server that forwards /api to a running `npm start`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webDir,
  plugins: [react()],
  build: {
    outDir: path.join(webDir, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': process.env.SHIXU_API_URL ?? 'http://localhost:3000' },
  },
});
