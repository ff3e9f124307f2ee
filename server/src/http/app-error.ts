import type { TErrorCode, TInvalidParam } from '../../../shared/src/errors';

/** The one error type services throw; the error middleware turns it into problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly extra: { invalidParams?: TInvalidParam[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', what);
export const forbidden = (why = 'You do not have access to this') => new AppError('forbidden', why);
export const invalid = (params: TInvalidParam[], message = 'The request is not valid') =>
  new AppError('validation_failed', message, { invalidParams: params });
