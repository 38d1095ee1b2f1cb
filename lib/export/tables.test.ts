import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { maskToJson, matrixRows, rowsToCsv, safeFileName, toCsv } from './tables';

describe('toCsv', () => {
  it('writes a header and one line per row in column order', () => {
    expect(
      toCsv([
        { a: 1, b: 'x' },
        { a: 2, b: 'y' },
      ]),
    ).toBe('a,b\n1,x\n2,y');
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

describe('rowsToCsv', () => {
  it('writes the header then one line per row', () => {
    expect(
      rowsToCsv(
        ['layer', 'kept'],
        [
          ['fc1', 100352],
          ['fc2', 32768],
        ],
      ),
    ).toBe('layer,kept\nfc1,100352\nfc2,32768');
  });

  it('keeps numbers raw: full precision, no grouping, exponent form as JavaScript writes it', () => {
    expect(csvParse(rowsToCsv(['v'], [[0.123456789], [1234567], [1e-7]])).map((r) => r.v)).toEqual(['0.123456789', '1234567', '1e-7']);
  });

  it('writes empty cells for null, undefined, NaN and Infinity', () => {
    expect(rowsToCsv(['a', 'b', 'c', 'd'], [[null, undefined, Number.NaN, Number.POSITIVE_INFINITY]])).toBe('a,b,c,d\n,,,');
  });

  it('quotes commas, quotes and newlines in headers and cells', () => {
    const parsed = csvParse(rowsToCsv(['name, "x"'], [['a\nb']]));
    expect(parsed.columns).toEqual(['name, "x"']);
    expect(parsed[0]).toEqual({ 'name, "x"': 'a\nb' });
  });

  it('writes only the header for no rows', () => {
    expect(rowsToCsv(['a', 'b'], [])).toBe('a,b');
  });

  it('refuses a row whose length differs from the header', () => {
    expect(() => rowsToCsv(['a', 'b'], [[1]])).toThrow(RangeError);
  });
});

describe('maskToJson', () => {
  it('writes rows of 0/1 with the metadata', () => {
    expect(JSON.parse(maskToJson(Uint8Array.of(1, 0, 0, 1), 2, 2, { pattern: 'eye' }))).toEqual({
      pattern: 'eye',
      rows: 2,
      cols: 2,
      data: [
        [1, 0],
        [0, 1],
      ],
    });
  });
  it('refuses a mask of the wrong size', () => {
    expect(() => maskToJson(Uint8Array.of(1), 2, 2)).toThrow(RangeError);
  });
});

describe('matrixRows', () => {
  it('splits row-major values into rows', () => {
    expect(matrixRows(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
  it('refuses values of the wrong size', () => {
    expect(() => matrixRows([1, 2, 3], 2, 2)).toThrow(RangeError);
  });
});

describe('safeFileName', () => {
  it.each([
    ['attention mask (window).png', 'attention-mask-window-.png'],
    ['../../etc/passwd', '..-..-etc-passwd'],
    ['', 'sparselab'],
  ])('%s -> %s', (input, out) => expect(safeFileName(input)).toBe(out));
});
