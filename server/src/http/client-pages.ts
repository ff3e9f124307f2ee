import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * Serves the Vite-built client: hashed assets cached for a year, the respondent page at /s/{token},
 * and the staff app for every other page path.
 */
export function clientPages(distDir: string): Router {
  const router = Router();
  const dir = path.resolve(distDir);
  const page = (name: string) => path.join(dir, name);
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  router.get('/s/:token', (_req, res, next) => {
    if (!fs.existsSync(page('s.html'))) return next();
    // The token is in the URL: never send it on to other sites.
    res.set('Cache-Control', 'no-store').sendFile(page('s.html'));
  });
  router.get(/^\/(?!api\/|assets\/).*/, (_req, res, next) => {
    if (!fs.existsSync(page('index.html'))) return next();
    res.set('Cache-Control', 'no-cache').sendFile(page('index.html'));
  });
  return router;
}

/**
 * Conservative headers for every answer; the client needs nothing from other origins. HSTS only in
 * production, where the app sits behind HTTPS.
 */
export function securityHeaders(hsts: boolean) {
  return (_req: express.Request, res: express.Response, next: express.NextFunction): void => {
    if (hsts) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy':
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    });
    next();
  };
}
