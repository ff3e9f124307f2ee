import type express from 'express';

export type TRoute = { method: string; path: string };

type TLayer = {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: TLayer[] };
};

/**
 * Every route the app registers, as `METHOD /path`, read from Express's own router: a route added
 * anywhere shows up here, whether or not anyone remembered to list it. The JSON API's router is
 * mounted at /api/v1; the routes outside it (the no-JavaScript form, client pages) keep their paths.
 */
export function appRoutes(app: express.Express): TRoute[] {
  const routes: TRoute[] = [];
  const walk = (stack: TLayer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths)
          for (const [method, on] of Object.entries(layer.route.methods))
            if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: prefix + p });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix);
      }
    }
  };
  const root = (app as unknown as { router: { stack: TLayer[] } }).router.stack;
  for (const layer of root) {
    if (layer.route) walk([layer], '');
    else if (layer.handle?.stack) {
      // The API router is the one whose routes need its mount path; the others are mounted at '/'.
      const inner: TRoute[] = [];
      const before = routes.length;
      walk(layer.handle.stack, '');
      inner.push(...routes.splice(before));
      const isApi = inner.some((r) => r.path.startsWith('/auth/') || r.path.startsWith('/public/'));
      routes.push(...inner.map((r) => ({ ...r, path: isApi ? `/api/v1${r.path}` : r.path })));
    }
  }
  return routes;
}
