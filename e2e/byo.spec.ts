import { dump } from 'npyjs';
import { npyFile, safetensorsFile } from '../lib/io/test-files';
import { expect, test } from './fixtures';

const npy = (data: Float32Array, shape: number[]) => ({
  name: 'w.npy',
  mimeType: 'application/octet-stream',
  buffer: Buffer.from(dump(data, shape)),
});
const ramp = (n: number) => Float32Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (i + 1));

test('pruning lab: an uploaded .npy is pruned with the lab settings; a bad file is refused and changes nothing', async ({ page }) => {
  await page.goto('/en/pruning?method=l1-unstructured&amount=0.5');
  const input = page.getByTestId('byo-input');
  await input.setInputFiles(npy(ramp(64 * 32), [64, 32]));
  await expect(page.getByTestId('byo-shape')).toHaveText('64 × 32 (float32)');
  await expect(page.getByTestId('byo-sparsity')).toHaveAttribute('data-value', '0.5');
  await expect(page.getByTestId('byo-bytes-dense')).toHaveText('8.00 KiB');

  await input.setInputFiles({ name: 'notes.npy', mimeType: 'text/plain', buffer: Buffer.from('hello, not numpy') });
  await expect(page.getByTestId('byo-error')).toContainText('neither a NumPy .npy file');
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

const upload = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });

test('pruning lab: a float64 .npy from np.save(np.random.randn(256, 256)) is accepted and the conversion is said', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/en/pruning?method=l1-unstructured&amount=0.5');
  let seed = 1;
  const randn = Array.from({ length: 256 * 256 }, () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647 - 0.5) * 4 + 1e-9; // doubles that are not float32 values
  });
  await page.getByTestId('byo-input').setInputFiles(upload('w.npy', npyFile('<f8', [256, 256], randn)));
  await expect(page.getByTestId('byo-shape')).toHaveText('256 × 256 (float64)');
  await expect(page.getByTestId('byo-conversion')).toHaveText(
    'Converted from float64 to float32: 65,536 of 65,536 values were rounded to the nearest float32 (about 7 significant digits; this loss of precision is expected).',
  );
  await expect(page.getByTestId('byo-sparsity')).toHaveAttribute('data-value', '0.5');
  await expect(page.getByTestId('byo-bytes-dense')).toHaveText('256 KiB');
  expect(consoleErrors).toEqual([]);
});

/** A small checkpoint with Hugging Face tensor names: two Linear weights, a bias, a norm and a 3-D expert stack. */
const checkpoint = () =>
  safetensorsFile([
    {
      name: 'model.layers.0.mlp.up_proj.weight',
      dtype: 'F32',
      shape: [8, 4],
      values: Float32Array.from({ length: 32 }, (_, i) => (i % 2 ? -1 : 1) * (i + 1)),
    },
    { name: 'model.layers.0.mlp.up_proj.bias', dtype: 'F32', shape: [8], values: new Float32Array(8) },
    { name: 'model.layers.0.input_layernorm.weight', dtype: 'BF16', shape: [4], values: [0x3f80, 0x3f80, 0x3f80, 0x3f80] },
    { name: 'model.layers.0.experts.w1', dtype: 'F32', shape: [2, 4, 4], values: new Float32Array(32) },
    { name: 'lm_head.weight', dtype: 'F64', shape: [4, 4], values: [0.1, 0, 2, 0, 0, -3, 0, 4, 5, 0, 6, 0, 0, 7, 0, 8] },
    { name: 'model.embed_tokens.weight', dtype: 'F16', shape: [5000, 4], values: new Array(20000).fill(0x3c00) },
  ]);

test('acceleration lab: a .safetensors file lists its 2-D tensors; picking one shows its analysis', async ({ page, consoleErrors }) => {
  await page.goto('/en/acceleration');
  const input = page.getByTestId('byo-input');
  await expect(input).toHaveAttribute('accept', '.npy,.safetensors');
  await input.setInputFiles(npy(ramp(2 * 4), [2, 4]));
  await expect(page.getByTestId('byo-shape')).toHaveText('2 × 4 (float32)');

  await input.setInputFiles(upload('tiny-llama.safetensors', checkpoint()));
  const list = page.getByTestId('byo-tensors');
  await expect(list.getByRole('heading')).toHaveText('2-D tensors in tiny-llama.safetensors');
  const rows = list.getByRole('row');
  await expect(rows).toHaveText([
    /Tensor\s*Shape\s*dtype\s*Status/,
    /^model\.layers\.0\.mlp\.up_proj\.weight\s*8 × 4\s*F32\s*can be analysed$/,
    /^lm_head\.weight\s*4 × 4\s*F64\s*can be analysed$/,
    /^model\.embed_tokens\.weight\s*5000 × 4\s*F16\s*larger than 4096 × 4096$/,
  ]);
  await expect(list.getByRole('button', { name: 'model.embed_tokens.weight' })).toHaveCount(0);
  await expect(list).toContainText('3 tensors are not 2-D (biases, norm weights, 3-D and up) and not listed.');
  // Listing a file does not replace the matrix shown until a tensor is picked.
  await expect(page.getByTestId('byo-shape')).toHaveText('2 × 4 (float32)');

  await list.getByRole('button', { name: 'model.layers.0.mlp.up_proj.weight' }).click();
  await expect(page.getByTestId('byo-file')).toHaveText('tiny-llama.safetensors: model.layers.0.mlp.up_proj.weight');
  await expect(page.getByTestId('byo-shape')).toHaveText('8 × 4 (F32)');
  await expect(page.getByTestId('byo-bytes-dense')).toHaveText('128 B');
  await expect(page.getByTestId('byo-conversion')).toHaveCount(0);
  await expect(list.getByRole('button', { name: 'model.layers.0.mlp.up_proj.weight' })).toHaveAttribute('aria-pressed', 'true');

  await list.getByRole('button', { name: 'lm_head.weight' }).click();
  await expect(page.getByTestId('byo-shape')).toHaveText('4 × 4 (F64)');
  await expect(page.getByTestId('byo-sparsity')).toHaveAttribute('data-value', '0.5');
  await expect(page.getByTestId('byo-bytes-sparse24')).not.toHaveText('not applicable');
  await expect(page.getByTestId('byo-conversion')).toHaveText(
    'Converted from F64 to float32: 1 of 16 values were rounded to the nearest float32 (about 7 significant digits; this loss of precision is expected).',
  );
  expect(consoleErrors).toEqual([]);
});

test('pruning lab: malformed files are refused and the previous matrix stays, still following the settings', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/zh/pruning?method=l1-unstructured&amount=0.5');
  const input = page.getByTestId('byo-input');
  await input.setInputFiles(upload('tiny-llama.safetensors', checkpoint()));
  await page.getByTestId('byo-tensors').getByRole('button', { name: 'model.layers.0.mlp.up_proj.weight' }).click();
  await expect(page.getByTestId('byo-shape')).toHaveText('8 × 4 (F32)');
  await expect(page.getByTestId('byo-sparsity')).toHaveAttribute('data-value', '0.5');

  const whole = safetensorsFile([{ name: 'w', dtype: 'F32', shape: [64, 64], values: new Float32Array(64 * 64).fill(1) }]);
  await input.setInputFiles(upload('cut.safetensors', whole.slice(0, whole.length - 100)));
  await expect(page.getByTestId('byo-error')).toHaveText('这个 .safetensors 文件不完整：文件在张量数据结束之前就结束了。没有做任何改动。');
  await input.setInputFiles(
    upload('norms.safetensors', safetensorsFile([{ name: 'norm.weight', dtype: 'F32', shape: [16], values: new Float32Array(16) }])),
  );
  await expect(page.getByTestId('byo-error')).toContainText('没有可以分析的二维张量');
  await input.setInputFiles(upload('junk.npy', npyFile('<c8', [2, 2], [])));
  await expect(page.getByTestId('byo-error')).toContainText('只接受浮点、整数和布尔数组');

  await expect(page.getByTestId('byo-file')).toHaveText('tiny-llama.safetensors: model.layers.0.mlp.up_proj.weight');
  await expect(page.getByTestId('byo-shape')).toHaveText('8 × 4 (F32)');
  await expect(page.getByTestId('byo-tensors').getByRole('heading')).toHaveText('tiny-llama.safetensors 中的二维张量');
  // The matrix shown is still the one pruned when the lab's settings change.
  await page.getByTestId('amount-range').fill('0.75');
  await expect(page.getByTestId('byo-sparsity')).toHaveAttribute('data-value', '0.75');
  expect(consoleErrors).toEqual([]);
});
