/** An audit entry's before → after values in words (shared/audit-change.ts), as the audit page, its CSV and its PDF show them. */
import { describe, expect, it } from 'vitest';
import { changeLine, describeChange, fieldChanges } from '../../../electron/shared/audit-change';

describe('audit entry changes in words', () => {
  it('lists only the fields that differ, before → after', () => {
    expect(fieldChanges('{"status":"released"}', '{"status":"on_hold","item":"FLOUR","status_change_id":1}')).toEqual([
      { field: 'status', before: 'released', after: 'on_hold' },
      { field: 'item', before: undefined, after: 'FLOUR' },
      { field: 'status_change_id', before: undefined, after: '1' },
    ]);
    expect(describeChange('{"value":"UTC","same":1}', '{"value":"America/Chicago","same":1}')).toBe('value: UTC → America/Chicago');
  });

  it('describes creations, removals, plain text, nulls and nested values', () => {
    expect(describeChange('', '{"role":"admin"}')).toBe('role: admin');
    expect(describeChange('{"note":"x"}', '{}')).toBe('note: x → (removed)');
    expect(describeChange('off', 'on')).toBe('off → on');
    expect(describeChange('', '')).toBe('');
    expect(describeChange('{"a":null}', '{"a":{"b":[1,2]}}')).toBe('a: (none) → {"b":[1,2]}');
    expect(changeLine({ field: '', before: undefined, after: 'x' })).toBe('x');
  });

  it('shortens very long values', () => {
    const long = 'x'.repeat(1000);
    const [c] = fieldChanges('', JSON.stringify({ note: long }));
    expect(c!.after).toHaveLength(300);
    expect(c!.after!.endsWith('…')).toBe(true);
  });
});
