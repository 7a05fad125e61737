/** The lot page banner's "since when" and the dashboard's file names (renderer/pages/page-format.ts). */
import { describe, expect, it } from 'vitest';
import { currentStatusChange, fileName } from '../../../../renderer/pages/page-format';

const change = (to: string, at: string, reason: string) => ({ action: 'x', from: 'released', to, reason, user: 'qa', at });

describe('page helpers', () => {
  it('finds the latest change into the current status, not an older hold', () => {
    const history = [change('on_hold', '2026-03-01T08:00:00Z', 'first'), change('released', '2026-03-02T08:00:00Z', 'ok'), change('on_hold', '2026-03-05T08:00:00Z', 'again')];
    expect(currentStatusChange(history, 'on_hold')?.reason).toBe('again');
    expect(currentStatusChange(history, 'quarantined')).toBeUndefined();
    expect(currentStatusChange([], 'on_hold')).toBeUndefined();
  });

  it('names a file without its folder, on either separator', () => {
    expect(fileName('/tmp/lottrace-demo-abc/receipts.csv')).toBe('receipts.csv');
    expect(fileName('C:\\Users\\qa\\AppData\\Local\\Temp\\up-1\\März export.csv')).toBe('März export.csv');
    expect(fileName('shipments.csv')).toBe('shipments.csv');
    expect(fileName('folder/')).toBe('folder/');
  });
});
