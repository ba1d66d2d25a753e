import { pino, stdSerializers } from 'pino';

/** Structured logging, passed in so tests can stay quiet or capture it. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Field names whose values never reach a log line, at the top level or one level
 * down (`fields.headers.cookie`) [METRIC8]. The code logs none of these on purpose;
 * this catches the one that slips in.
 */
const SECRET_FIELDS = ['password', 'token', 'secret', 'cookie', 'authorization'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((name) => [name, `*.${name}`]);

/**
 * The relay's logger: pino, one JSON object per line on stderr [METRIC7]. Stderr
 * because stdout carries the few human start-up lines (the URL to open, the AI
 * models found) that people and scripts read; a container runtime collects both.
 * Writes are synchronous so that the lines before an exit (a fatal error, a
 * shutdown) are not lost; the relay logs per request and per incident, not per frame.
 */
export function createLogger(
  level: LogLevel,
  destination: NodeJS.WritableStream | number = 2,
): Logger {
  const log = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: stdSerializers.err },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    typeof destination === 'number'
      ? pino.destination({ fd: destination, sync: true })
      : destination,
  );
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
