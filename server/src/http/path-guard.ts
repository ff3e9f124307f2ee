import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';

/**
 * Refuses an address whose percent-encoding is broken (`%FF`, `%C3%28`, an encoded lone surrogate)
 * or that decodes to a NUL, before any route reads its parameters: the router would throw on the
 * first and PostgreSQL on the second, and either would otherwise surface as a 500.
 */
export function pathGuard(req: Request, _res: Response, next: NextFunction): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.path);
  } catch {
    next(new AppError('validation_failed', 'The address is not valid: it has broken percent-encoding'));
    return;
  }
  if (decoded.includes('\u0000')) {
    next(new AppError('validation_failed', 'The address is not valid: it holds a NUL character'));
    return;
  }
  next();
}
