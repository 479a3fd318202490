import { describe, expect, it } from 'vitest';
import { RetryBackoff } from '../../../../../src/main/core/activity/recorder/retryBackoff';

describe('RetryBackoff', () => {
  it('doubles from the base to the cap and resets on success', () => {
    const retry = new RetryBackoff(100, 500);
    expect(retry.retrying).toBe(false);
    expect([retry.failed(), retry.failed(), retry.failed(), retry.failed()]).toEqual([
      100, 200, 400, 500,
    ]);
    expect(retry.retrying).toBe(true);
    retry.succeeded();
    expect([retry.retrying, retry.delayMs, retry.failed()]).toEqual([false, 0, 100]);
  });
});
