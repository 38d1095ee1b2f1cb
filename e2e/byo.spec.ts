import { dump } from 'npyjs';
import { expect, test } from './fixtures';

const npy = (data: Float32Array, shape: number[]) => ({ name: 'w.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(dump(data, shape)) });
const ramp = (n: number) => Float32Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (i + 1));

test('pruning lab: an uploaded .npy is pruned with the lab settings; a bad file is refused and changes nothing', async ({ page }) => {
  await page.goto('/en/pruning?method=l1-unstructured&amount=0.5');
  const input = page.getByTestId('byo-input');
  await input.setInputFiles(npy(ramp(64 * 32), [64, 32]));
  await expect(page.getByTestId('byo-shape')).toHaveText('64 × 32 (float32)');
  await expect(page.getByTestId('byo-sparsity')).toHaveAttribute('data-value', '0.5');
  await expect(page.getByTestId('byo-bytes-dense')).toHaveText('8.00 KiB');

  await input.setInputFiles({ name: 'notes.npy', mimeType: 'text/plain', buffer: Buffer.from('hello, not numpy') });
  await expect(page.getByTestId('byo-error')).toContainText('not a NumPy .npy file');
  await expect(page.getByTestId('byo-shape')).toHaveText('64 × 32 (float32)');

  await input.setInputFiles(npy(Float32Array.of(1, Number.NaN, 3, 4), [2, 2]));
  await expect(page.getByTestId('byo-error')).toContainText('NaN or infinite');
  await input.setInputFiles(npy(new Float32Array(8), [2, 2, 2]));
  await expect(page.getByTestId('byo-error')).toContainText('2-D matrix');
});

test('acceleration lab: an uploaded 2:4 matrix shows its bytes in every format', async ({ page }) => {
  await page.goto('/zh/acceleration');
  const data = Float32Array.from({ length: 64 * 64 }, (_, i) => (i % 4 < 2 ? i + 1 : 0));
  await page.getByTestId('byo-input').setInputFiles(npy(data, [64, 64]));
  await expect(page.getByTestId('byo-shape')).toHaveText('64 × 64 (float32)');
  await expect(page.getByTestId('byo-bytes-sparse24')).not.toHaveText('不适用');
  await expect(page.getByTestId('byo-sparsity')).toHaveAttribute('data-value', '0.5');
});

/** A float16 .npy written by hand (npyjs writes float32): header v1.0 padded to 64 bytes, then the halves. */
function npyFloat16(halves: number[], shape: number[], descr = '<f2') {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.alloc(halves.length * 2);
  halves.forEach((h, i) => body.writeUInt16LE(h, i * 2));
  return { name: 'half.npy', mimeType: 'application/octet-stream', buffer: Buffer.concat([head, Buffer.from(header, 'latin1'), body]) };
}

test('acceleration lab: float16 is accepted; a matrix wider than 4096 is refused and changes nothing', async ({ page }) => {
  await page.goto('/en/acceleration');
  const input = page.getByTestId('byo-input');
  // 1, 0, 2, 0 / 0, -1, 0, 0.5 in IEEE half precision
  await input.setInputFiles(npyFloat16([0x3c00, 0, 0x4000, 0, 0, 0xbc00, 0, 0x3800], [2, 4]));
  await expect(page.getByTestId('byo-shape')).toHaveText('2 × 4 (float16)');
  await expect(page.getByTestId('byo-sparsity')).toHaveAttribute('data-value', '0.5');
  await input.setInputFiles(npy(new Float32Array(4097), [1, 4097]));
  await expect(page.getByTestId('byo-error')).toContainText('larger than 4096 × 4096');
  await expect(page.getByTestId('byo-shape')).toHaveText('2 × 4 (float16)');
});

test('markup in an uploaded file (its name and its header) is never rendered as HTML', async ({ page }) => {
  await page.goto('/en/pruning');
  const file = npyFloat16([0x3c00, 0, 0, 0x3c00], [2, 2], '<img src=x onerror=alert(1)>');
  await page.getByTestId('byo-input').setInputFiles({ ...file, name: '<img src=x onerror=alert(2)>.npy' });
  await expect(page.getByTestId('byo-error')).toContainText('Nothing was changed.');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});
