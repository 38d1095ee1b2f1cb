'use client';

/** Browser helpers for exports: everything is made locally, nothing is uploaded. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((ok, fail) =>
    canvas.toBlob((b) => (b ? ok(b) : fail(new Error('the canvas could not be encoded as PNG'))), 'image/png'),
  );
}

/**
 * Serializes an <svg> with its computed text colour inlined, so it renders alike elsewhere.
 * Paint the page's CSS decides (Tailwind classes such as fill-red-700, or var(--viz-grid))
 * would be lost outside the page, so those elements get their computed fill and stroke as
 * attributes.
 */
export function svgToBlob(svg: SVGSVGElement): Blob {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('color', getComputedStyle(svg).color);
  clone.style.fontFamily = getComputedStyle(svg).fontFamily;
  const from = svg.querySelectorAll('*');
  const to = clone.querySelectorAll('*');
  for (let i = 0; i < from.length && i < to.length; i++) {
    const el = from[i];
    const styled = el.hasAttribute('class') || /var\(/.test(`${el.getAttribute('fill') ?? ''}${el.getAttribute('stroke') ?? ''}`);
    if (!styled) continue;
    const cs = getComputedStyle(el);
    to[i].setAttribute('fill', cs.fill);
    to[i].setAttribute('stroke', cs.stroke);
    to[i].removeAttribute('class');
  }
  return new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' });
}

/** Renders an <svg> to a PNG at `scale` x its viewBox size. */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(svgToBlob(svg));
  try {
    const img = new Image();
    await new Promise<void>((ok, fail) => {
      img.onload = () => ok();
      img.onerror = () => fail(new Error('the chart could not be rendered to PNG'));
      img.src = url;
    });
    const vb = svg.viewBox.baseVal;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round((vb?.width || svg.clientWidth) * scale);
    canvas.height = Math.round((vb?.height || svg.clientHeight) * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor || '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await canvasToPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}
