// Builds the web application into web/dist, which the Shixu server serves at /.
// `npx vite --config web/vite.config.ts` runs a dev server that forwards /api to a running `npm start`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

const config: UserConfig = {
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
};

export default defineConfig(({ command }) => {
  // A build is what users run, whatever NODE_ENV its caller has: under vitest ("test") React and Ant
  // Design would keep test-only code (the same id for every dialog title). Vite reads NODE_ENV after
  // loading this file, so setting it here makes the whole build, JSX transform included, production.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
