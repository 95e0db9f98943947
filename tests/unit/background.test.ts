import { afterEach, describe, expect, it, vi } from 'vitest';
import { inBackground } from '../../src-main/runtime/background';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('inBackground', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs a failure with what it was and hands it to whoever shows it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const shown: unknown[] = [];
    const boom = new Error('engine went away');
    inBackground(Promise.reject(boom), 'reading disk usage', (err) => shown.push(err));
    await settle();
    expect(logged).toHaveBeenCalledWith('Barnacle: reading disk usage failed:', boom);
    expect(shown).toEqual([boom]);
  });

  it('leaves no unhandled rejection, even when showing it throws', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      inBackground(Promise.reject(new Error('x')), 'quick prune', () => {
        throw new Error('no window');
      });
      await settle();
      await settle();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('says nothing when the work succeeds', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    inBackground(Promise.resolve(1), 'saving layer facts');
    await settle();
    expect(logged).not.toHaveBeenCalled();
  });
});
