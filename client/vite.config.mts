import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

/** In `vite dev`, answer `/s/<token>` with the respondent page, as the Express server does. */
function respondentRoute(): Plugin {
  return {
    name: 'careloop-respondent-route',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url?.startsWith('/s/')) req.url = '/s.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [respondentRoute()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // Two entries so the respondent page never loads staff code or the QR encoder.
      input: { index: resolve(root, 'index.html'), s: resolve(root, 's.html') },
      // shared/ builds its zod schemas at module level; the browser only needs some of the plain
      // functions beside them (pickText, validateAnswers). Marking zod's builder pure lets unused
      // schemas, and with them zod itself, drop out of the respondent bundle.
      treeshake: { manualPureFunctions: ['z'] },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
