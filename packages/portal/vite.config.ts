import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Ships codegen's persisted-documents.json beside the portal: the server's allowlist of its operations. */
function persistedDocuments(): Plugin {
  return {
    name: 'hrd-persisted-documents',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'persisted-documents.json',
        source: readFileSync(new URL('./src/gql/persisted-documents.json', import.meta.url), 'utf8'),
      });
    },
  };
}

// `pnpm dev` serves the portal with hot reload and forwards the API to a server on port 4000;
// `pnpm build` writes dist/, which the server serves at `/`.
export default defineConfig({
  plugins: [react(), persistedDocuments()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Two pages: the portal, and GraphiQL (served by the server at /graphiql to signed-in users).
    rollupOptions: {
      input: {
        portal: fileURLToPath(new URL('index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('graphiql/index.html', import.meta.url)),
      },
      // GraphiQL's packages carry React Compiler directives that the bundler cannot keep: harmless.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
      '/healthz': 'http://127.0.0.1:4000',
      '/export': 'http://127.0.0.1:4000',
      '/graphiql': 'http://127.0.0.1:4000',
    },
  },
});
