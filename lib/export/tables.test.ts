import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { maskToJson, safeFileName, toCsv } from './tables';

describe('toCsv', () => {
  it('writes a header and one line per row in column order', () => {
    expect(toCsv([{ a: 1, b: 'x' }, { a: 2, b: 'y' }])).toBe('a,b\n1,x\n2,y');
  });

  it('quotes commas, quotes and newlines so the file parses back to the same cells', () => {
    const rows = [{ name: 'a, "b"\nc', v: 0.5 }];
    const parsed = csvParse(toCsv(rows));
    expect(parsed[0]).toEqual({ name: 'a, "b"\nc', v: '0.5' });
  });

  it('writes empty cells for null', () => {
    expect(toCsv([{ a: null, b: 1 }])).toBe('a,b\n,1');
  });
});

describe('maskToJson', () => {
  it('writes rows of 0/1 with the metadata', () => {
    expect(JSON.parse(maskToJson(Uint8Array.of(1, 0, 0, 1), 2, 2, { pattern: 'eye' }))).toEqual({ pattern: 'eye', rows: 2, cols: 2, data: [[1, 0], [0, 1]] });
  });
  it('refuses a mask of the wrong size', () => {
    expect(() => maskToJson(Uint8Array.of(1), 2, 2)).toThrow(RangeError);
  });
});

describe('safeFileName', () => {
  it.each([
    ['attention mask (window).png', 'attention-mask-window-.png'],
    ['../../etc/passwd', '..-..-etc-passwd'],
    ['', 'sparselab'],
  ])('%s -> %s', (input, out) => expect(safeFileName(input)).toBe(out));
});
