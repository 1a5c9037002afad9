import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { buildOpenApiDocument } from '../openapi/document';

/** Where the app mounts the docs: before sign-in, since they hold no personal data. */
export const API_DOCS_PATH = '/api/docs';

const SITE_TITLE = '救助 Jiuzhu API';

/**
 * The API's OpenAPI 3.1 document at `/openapi.json` and Swagger UI at `/`, its scripts and
 * styles served from the swagger-ui-dist package (no CDN, so it works offline). The document
 * is built once, when the router is.
 */
export function apiDocsRoutes(): Router {
  const document = buildOpenApiDocument();
  const router = Router();

  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  // The page loads its assets by relative URL (./swagger-ui.css): without the trailing slash,
  // /api/docs would look for them in /api/.
  router.get('/', (req, res, next) => {
    const [pathname = '', query] = req.originalUrl.split('?');
    if (pathname.endsWith('/')) return next();
    res.redirect(301, `${pathname}/${query === undefined ? '' : `?${query}`}`);
  });

  // serveFiles, not serve: its swagger-ui-init.js carries this document, not whichever one the
  // last setup() in the process was given.
  router.use('/', swaggerUi.serveFiles(document, { customSiteTitle: SITE_TITLE }));
  router.get('/', swaggerUi.setup(document, { customSiteTitle: SITE_TITLE }));
  return router;
}
