import type { ErrorRequestHandler } from 'express';
import { HttpError } from '../http-error';

/** A console page that cannot be shown answers with a page (the API keeps answering JSON). */
export function consoleErrorPage(): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (req.path.startsWith('/api') || !(error instanceof HttpError)) return next(error);
    res.status(error.status).render('error', {
      title: '无法显示',
      status: error.status,
      message: error.message,
      // The page lists field problems; other details (a 503's part) are for API clients.
      details: Array.isArray(error.details) ? error.details : undefined,
    });
  };
}
