import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout. Values of sensitive fields are never logged. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'hrd-server' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        'variables',
      ],
      censor: '[redacted]',
    },
  });
}
