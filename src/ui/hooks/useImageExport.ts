import { useState } from 'react';
import type { DraftAnalysis } from '../model/analysis.ts';
import { download, downloadBlob } from '../services/download.ts';
import { errorText, type Notify } from './useNotice.ts';

export type ImageFormat = 'svg' | 'png';

/** Each image format's name in the Export menu and in notices. */
export const IMAGE_LABELS: Readonly<Record<ImageFormat, string>> = { svg: 'Image (SVG)', png: 'Image (PNG)' };

/** A PNG is drawn at twice the canvas's size, for sharp text on a high-density screen or in print. */
const PNG_SCALE = 2;
/** The largest canvas every current browser draws: 16,384 pixels a side, 16.7 million in all (Safari's limit). */
const MAX_SIDE = 16_384;
const MAX_AREA = 16_777_216;

/** Draws an SVG document into a canvas `scale` times its size and encodes it as PNG. */
async function toPng(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(width * scale));
    canvas.height = Math.max(1, Math.floor(height * scale));
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('the browser gave no canvas to draw on');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob === null ? reject(new Error('the browser could not encode the PNG')) : resolve(blob)), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Owns exporting the open flow as a picture of the canvas: the core's SVG
 * drawing at the nodes' current positions, with the findings marked, as it
 * is or rendered into a PNG at twice its size (less when that would pass
 * what a browser can draw). `busy` while a PNG is being drawn.
 */
export function useImageExport(analysis: DraftAnalysis | undefined, notify: Notify) {
  const [busy, setBusy] = useState(false);

  const exportImage = async (format: ImageFormat): Promise<void> => {
    const flow = analysis?.flow;
    if (flow === undefined) {
      notify({ kind: 'error', text: 'Export needs a valid flow: fix the schema problems first.' });
      return;
    }
    const { svgImage } = await import('../../core/export/index.ts');
    const image = svgImage(flow, analysis?.lint === undefined ? {} : { findings: analysis.lint.findings });
    if (format === 'svg') {
      download(`${flow.id}.svg`, image.text, 'image/svg+xml');
      notify({ kind: 'info', text: `Exported a picture of the flow as SVG (${image.width} × ${image.height}).` });
      return;
    }
    const scale = Math.min(PNG_SCALE, MAX_SIDE / image.width, MAX_SIDE / image.height, Math.sqrt(MAX_AREA / (image.width * image.height)));
    setBusy(true);
    try {
      const png = await toPng(image.text, image.width, image.height, scale);
      downloadBlob(`${flow.id}.png`, png);
      const size = `${Math.floor(image.width * scale)} × ${Math.floor(image.height * scale)}`;
      notify({
        kind: 'info',
        text:
          scale < PNG_SCALE
            ? `Exported a picture of the flow as PNG (${size} pixels: less than twice the canvas, the largest a browser draws).`
            : `Exported a picture of the flow as PNG (${size} pixels).`
      });
    } catch (error) {
      notify({ kind: 'error', text: `The PNG could not be drawn: ${errorText(error)}. Export → ${IMAGE_LABELS.svg} has the same picture.` });
    } finally {
      setBusy(false);
    }
  };

  return { exportImage, busy };
}
