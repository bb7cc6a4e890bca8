import { z } from 'zod';
import { safeReturnPath } from '../http/redirect';

/** A path on this storefront to come back to; anything else (another host, `//evil`) is dropped. */
export const localPath = z
  .unknown()
  .optional()
  .transform((raw) => safeReturnPath(raw, '') || undefined);

export const uuid = z.string().uuid('not a valid id');
