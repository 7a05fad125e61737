/** The pages' one count format and one quantity format (renderer/components/format.ts), and the graph's hand-made copy of them. */
import { describe, expect, it } from 'vitest';
import { amount, compactCount, count, counted, displayedRows, qty, unitDigits } from '../../../../renderer/components/format';
import { fmt } from '../../../../renderer/graph/graph-model';
import { quantities } from '../../../../renderer/pages/recall/recall-format';

describe('count', () => {
  it('groups thousands, en-US, whatever the PC locale', () => {
    expect([count(0), count(7), count(999), count(1000), count(16717), count(1234567)]).toEqual(['0', '7', '999', '1,000', '16,717', '1,234,567']);
  });

  it('is a whole number', () => {
    expect(count(8835.4)).toBe('8,835');
  });

  it('says the noun, singular for one', () => {
    expect(counted(1, 'lot')).toBe('1 lot');
    expect(counted(0, 'lot')).toBe('0 lots');
    expect(counted(8835, 'lot')).toBe('8,835 lots');
    expect(counted(2, 'consumption or shipment', 'consumptions and shipments')).toBe('2 consumptions and shipments');
  });

  it('writes a pager\'s rows grouped', () => {
    expect(displayedRows({ from: 1, to: 50, count: 16717 })).toBe('1–50 of 16,717');
    expect(displayedRows({ from: 16701, to: 16717, count: 16717 })).toBe('16,701–16,717 of 16,717');
    expect(displayedRows({ from: 1001, to: 1050, count: -1 })).toBe('1,001–1,050 of more than 1,050');
  });
});

describe('quantity', () => {
  it('has up to 3 decimals in mass and volume, trailing zeros dropped, grouped', () => {
    expect(unitDigits('kg')).toBe(3);
    expect(amount(51460.716, 'kg')).toBe('51,460.716');
    expect(amount(6375.12, 'kg')).toBe('6,375.12');
    expect(amount(6375.1, 'L')).toBe('6,375.1');
    expect(amount(6375, 'kg')).toBe('6,375');
    expect(amount(0.1 + 0.2, 'kg')).toBe('0.3');
    expect(amount(1.23456, 'lb')).toBe('1.235');
  });

  it('is whole in counted units, whatever their case', () => {
    expect(unitDigits('ea')).toBe(0);
    expect(unitDigits(' CS ')).toBe(0);
    expect(amount(6375.4, 'ea')).toBe('6,375');
    expect(qty(2600, 'ea')).toBe('2,600 ea');
  });

  it('shows nothing as a dash, and sums of units joined', () => {
    expect(amount(null, 'kg')).toBe('—');
    expect(amount(undefined, 'ea')).toBe('—');
    expect(quantities([])).toBe('—');
    expect(quantities([{ quantity: 1300, uom: 'ea' }, { quantity: 10.5, uom: 'kg' }])).toBe('1,300 ea + 10.5 kg');
  });

  it('is the same on the graph edges, made by hand for speed', () => {
    for (const [n, uom] of [[51460.716, 'kg'], [6375.12, 'kg'], [0.1 + 0.2, 'kg'], [1.23456, 'lb'], [6375.4, 'ea'], [16717, 'ea'], [0, 'kg'], [-2500.5, 'kg']] as const) {
      expect(fmt(n, unitDigits(uom))).toBe(amount(n, uom));
    }
  });
});

describe('compactCount (chart axis ticks)', () => {
  it('keeps small figures whole and shortens large ones so a narrow axis shows them', () => {
    expect([0, 6, 250, 999, 1000, 1500, 962_391, 1_000_000, 2_450_000].map(compactCount)).toEqual(['0', '6', '250', '999', '1K', '1.5K', '962.4K', '1M', '2.5M']);
  });
});
