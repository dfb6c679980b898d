import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev` sends `/api/`: the edge of a stack started with `npm start` and default ports. */
const DEV_EDGE_URL = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  // dist/test holds the compiled unit tests, which must never be served with the panel.
  build: { outDir: 'dist/admin' },
  server: { proxy: { '/api': DEV_EDGE_URL } },
});
