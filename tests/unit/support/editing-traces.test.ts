import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTrace, skipWithoutTraces } from '../../support/editing-traces.js';

/** The handbook: a test that needs data it cannot find fails in CI, never skips there. */
describe('tests that replay editing traces', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('run under CI when a trace is missing, and loading it names the file and folder', () => {
    vi.stubEnv('CI', 'true');
    expect(skipWithoutTraces('no-such-trace')).toBe(false);
    expect(() => loadTrace('no-such-trace')).toThrow(
      /editing trace no-such-trace: no such trace in .+; .+ set EDITING_TRACES_DIR/,
    );
  });

  it('are skipped outside CI when a trace is missing, saying why', () => {
    vi.stubEnv('CI', undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(skipWithoutTraces('no-such-trace')).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('skipping the no-such-trace replay'));
    warn.mockRestore();
  });
});
