/**
 * A hash router: `#/surveys/<id>`. Hash routes need nothing from the server beyond serving
 * index.html, and links to them survive reloads. A page can register a guard (unsaved changes)
 * that may refuse to leave.
 */
export type TRouteHandler = (params: string[]) => void | Promise<void>;
type TRoute = { pattern: RegExp; handler: TRouteHandler };

const routes: TRoute[] = [];
let notFound: TRouteHandler = () => undefined;
let leaveGuard: (() => boolean) | null = null;
let currentHash = '';

export function addRoute(pattern: RegExp, handler: TRouteHandler): void {
  routes.push({ pattern, handler });
}

export function setNotFound(handler: TRouteHandler): void {
  notFound = handler;
}

/** `guard` returns false to stay on the page; pass null when leaving is safe again. */
export function setLeaveGuard(guard: (() => boolean) | null): void {
  leaveGuard = guard;
}

export function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export function navigate(path: string): void {
  if (currentPath() === path) void dispatch();
  else location.hash = path;
}

async function dispatch(): Promise<void> {
  if (leaveGuard && location.hash !== currentHash && !leaveGuard()) {
    // Put the old address back without dispatching again.
    history.replaceState(history.state, '', currentHash || '#/');
    return;
  }
  leaveGuard = null;
  currentHash = location.hash;
  const path = currentPath();
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) {
      await route.handler(match.slice(1).map((part) => decodeURIComponent(part)));
      return;
    }
  }
  await notFound([path]);
}

export function startRouter(): void {
  window.addEventListener('hashchange', () => void dispatch());
  void dispatch();
}
