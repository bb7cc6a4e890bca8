import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { media } from '../db/schema';
import { MEDIA_FILE } from './logo';

/** A stored image of the tenant by its file name (`<hash>.png`); another tenant's is not found. */
export async function readMedia(db: Db, tenantId: string, file: string): Promise<{ contentType: string; bytes: Buffer } | null> {
  const hash = MEDIA_FILE.exec(file)?.[1];
  if (!hash) return null;
  const [row] = await db.select({ contentType: media.contentType, bytes: media.bytes }).from(media).where(and(eq(media.tenantId, tenantId), eq(media.hash, hash))).limit(1);
  return row ?? null;
}

/** What a browser may do with an image named by its content: keep it for a year, never guess its type. */
export function mediaResponse(image: { contentType: string; bytes: Buffer }): Response {
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      'content-type': image.contentType,
      'content-length': String(image.bytes.byteLength),
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
