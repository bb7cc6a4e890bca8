import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { DomainError } from '../errors';
import type { LogoSet } from '../db/schema';

/** The largest logo file accepted, in bytes. */
export const LOGO_MAX_BYTES = 1024 * 1024;

// A decompression bomb (a small file that decodes to a huge bitmap) is refused before it is decoded.
const MAX_INPUT_PIXELS = 40_000_000;
const ACCEPTED = new Set(['png', 'jpeg', 'webp', 'svg']);

export interface Rendition {
  hash: string;
  contentType: 'image/png';
  width: number;
  height: number;
  bytes: Buffer;
}

/**
 * Makes a storefront's logo files from an upload: decoded and re-encoded by libvips, so what is
 * served is a fresh PNG whatever came in. An SVG is rasterised (scripts, event handlers and
 * external references never run or reach a browser); metadata (EXIF, GPS) is dropped.
 */
export async function processLogo(upload: Uint8Array): Promise<{ logo: LogoSet; renditions: Rendition[] }> {
  if (upload.byteLength === 0) throw new DomainError('image_unsupported', 'Choose a logo file to upload.');
  if (upload.byteLength > LOGO_MAX_BYTES) throw logoTooLarge();
  const input = Buffer.from(upload.buffer, upload.byteOffset, upload.byteLength);
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    // The header only: cheap whatever the image's size, and the size is what is checked next.
    ({ format, width = 0, height = 0 } = await sharp(input, { limitInputPixels: false }).metadata());
  } catch {
    throw imageUnsupported();
  }
  if (!format || !ACCEPTED.has(format) || !width || !height) throw imageUnsupported();
  if (format !== 'svg' && width * height > MAX_INPUT_PIXELS) {
    throw new DomainError('image_unsupported', `This image is ${width}×${height} pixels, more than a logo needs. Export it at most a few thousand pixels wide and upload it again.`);
  }
  // An SVG's size is nominal: draw it so its longer side is about 1024 px before resizing down.
  const density = format === 'svg' ? Math.min(2400, Math.max(72, Math.round((72 * 1024) / Math.max(width, height)))) : undefined;
  const source = () => sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', ...(density ? { density } : {}) }).rotate();
  const transparent = { r: 0, g: 0, b: 0, alpha: 0 };
  try {
    const header = await rendition(source().resize({ width: 480, height: 96, fit: 'inside', withoutEnlargement: format !== 'svg' }));
    const favicon = await rendition(source().resize({ width: 32, height: 32, fit: 'contain', background: transparent }));
    // Home-screen icons are shown on an opaque tile; transparency would turn black there.
    const touch = await rendition(source().resize({ width: 180, height: 180, fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }));
    return {
      logo: { header: { file: fileName(header), width: header.width, height: header.height }, favicon: fileName(favicon), touch: fileName(touch) },
      renditions: [header, favicon, touch],
    };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw imageUnsupported();
  }
}

async function rendition(pipeline: Sharp): Promise<Rendition> {
  const { data, info } = await pipeline.png({ compressionLevel: 9, palette: false }).toBuffer({ resolveWithObject: true });
  return { hash: createHash('sha256').update(data).digest('hex').slice(0, 32), contentType: 'image/png', width: info.width, height: info.height, bytes: data };
}

export function fileName(r: Pick<Rendition, 'hash'>): string {
  return `${r.hash}.png`;
}

/** The public address of a stored image on its storefront's own host. */
export function mediaPath(file: string): string {
  return `/media/${file}`;
}

export const MEDIA_FILE = /^([0-9a-f]{32})\.png$/;

export function logoTooLarge(): DomainError {
  return new DomainError('logo_too_large', `The logo must be at most ${LOGO_MAX_BYTES / 1024 / 1024} MB. Export it smaller (a few hundred pixels wide is plenty) and upload it again.`);
}

function imageUnsupported(): DomainError {
  return new DomainError('image_unsupported', 'This file is not an image we can use. Upload a PNG, JPEG, WebP or SVG logo.');
}
