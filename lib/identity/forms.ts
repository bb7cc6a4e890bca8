import { z } from 'zod';

/** A path on this storefront to come back to; anything else (another host, `//evil`) is dropped. */
export const localPath = z
  .string()
  .regex(/^\/(?!\/)[\w\-./?=&%]*$/)
  .max(300)
  .optional()
  .catch(undefined);

export const uuid = z.string().uuid('not a valid id');
