import type { Express } from 'express';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  rawPath?: unknown;
  handle: { stack?: Layer[] };
}

/** "GET /api/cases/:id" for every route of a router and the routers mounted in it. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = layer.route.path === '/' ? prefix || '/' : `${prefix}${layer.route.path}`;
      return Object.entries(layer.route.methods)
        .filter(([, on]) => on)
        .map(([method]) => `${method.toUpperCase()} ${path}`);
    }
    if (Array.isArray(layer.handle.stack) && typeof layer.rawPath === 'string')
      return routesOf(layer.handle.stack, layer.rawPath === '/' ? prefix : `${prefix}${layer.rawPath}`);
    return [];
  });
}

/** Every route the app registers, as Express registered it ("GET /api/cases/:id"), once each. */
export function registeredRoutes(app: Express): string[] {
  return [...new Set(routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack))];
}
