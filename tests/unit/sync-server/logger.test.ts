import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../sync-server/src/logger.js';

function captured(level: Parameters<typeof createLogger>[0]) {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n'))
      if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { log: createLogger(level, stream), lines };
}

describe('the relay logger', () => {
  it('[METRIC7] writes one JSON object per line with the fields as properties, at LOG_LEVEL and above', async () => {
    const { log, lines } = captured('info');
    log.debug('hidden', { a: 1 });
    log.info('room loaded', { room: 'r1', connection: 7 });
    log.error('storage failed', { error: new Error('disk full') });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'room loaded',
      room: 'r1',
      connection: 7,
    });
    expect(lines[0]?.time).toEqual(expect.any(String));
    expect(lines[1]).toMatchObject({
      level: 'error',
      error: { message: 'disk full', type: 'Error' },
    });
  });

  it('[METRIC8] fields named like secrets are redacted, at the top and one level down', async () => {
    const { log, lines } = captured('info');
    log.warn('odd request', {
      password: 'hunter2',
      token: 'tok',
      headers: { cookie: 'ws_session=abc', authorization: 'Bearer xyz' },
      secret: 's',
    });
    await new Promise((resolve) => setImmediate(resolve));
    const text = JSON.stringify(lines);
    for (const secret of ['hunter2', 'tok"', 'ws_session=abc', 'Bearer xyz', '"s"'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ password: '[redacted]', headers: { cookie: '[redacted]' } });
  });
});
