/** Structured logging, passed in so tests can stay quiet or capture it. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function write(level: string, message: string, fields?: Record<string, unknown>): void {
  const extra = fields
    ? Object.entries(fields)
        .map(([k, v]) => `${k}=${v instanceof Error ? v.message : JSON.stringify(v)}`)
        .join(' ')
    : '';
  process.stderr.write(`${new Date().toISOString()} ${level} ${message} ${extra}\n`);
}

export const consoleLogger: Logger = {
  info: (m, f) => write('info', m, f),
  warn: (m, f) => write('warn', m, f),
  error: (m, f) => write('error', m, f),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
