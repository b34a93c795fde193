import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev` serves the portal with hot reload and forwards the API to a server on port 4000;
// `pnpm build` writes dist/, which the server serves at `/`.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
      '/healthz': 'http://127.0.0.1:4000',
      '/export': 'http://127.0.0.1:4000',
      '/graphiql': 'http://127.0.0.1:4000',
    },
  },
});
