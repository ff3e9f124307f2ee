import pino from 'pino';

export type TLogger = pino.Logger;

/**
 * JSON logs to stdout. Headers that carry credentials are redacted wherever they appear; patient
 * text never reaches a log call in the first place (log ids only).
 */
export function createLogger(level: string, name: string): TLogger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
