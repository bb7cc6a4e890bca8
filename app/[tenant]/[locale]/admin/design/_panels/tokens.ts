import { tokenSchema, type TokenName } from '@/themes/tokens';

export const TOKEN_NAMES = Object.keys(tokenSchema.shape) as TokenName[];
export const COLOURS = TOKEN_NAMES.filter((n) => n.startsWith('color'));
export const FONTS = ['fontBody', 'fontHeading'] as const;
export const SIZES = ['radius', 'spacing'] as const;
