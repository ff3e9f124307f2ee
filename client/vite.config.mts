import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type BuildEnvironmentOptions, type Plugin } from 'vite';

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

/** One page's build into the shared dist/ (hashed names, so the two builds never collide). */
function pageBuild(input: Record<string, string>, emptyOutDir: boolean): BuildEnvironmentOptions {
  return {
    outDir: resolve(root, 'dist'),
    emptyOutDir,
    target: 'es2022',
    rolldownOptions: {
      input,
      // shared/ builds its zod schemas at module level; the browser only needs some of the plain
      // functions beside them (pickText, validateAnswers). Marking zod's builder pure lets unused
      // schemas, and with them zod itself, drop out of the respondent bundle.
      treeshake: { manualPureFunctions: ['z'] },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [respondentRoute()],
  // Two builds rather than two entries of one: a shared chunk (i18n, http, base.css) would cost the
  // respondent page a second round trip, and the server inlines that page's script and styles into
  // its HTML, which only works when they import nothing. The staff app never loads respondent code.
  environments: {
    client: { build: pageBuild({ index: resolve(root, 'index.html') }, true) },
    respondent: { consumer: 'client', build: pageBuild({ s: resolve(root, 's.html') }, false) },
  },
  builder: {
    async buildApp(builder) {
      // In order: the first empties dist/.
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.respondent!);
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } },
  },
});
