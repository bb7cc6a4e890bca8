import type { ThemeTokens } from '../../themes/tokens';

/** Colour pairs that carry text on a storefront, foreground first, with what a person would call them. */
export const TEXT_PAIRS = [
  { id: 'text-background', fg: 'colorText', bg: 'colorBackground' },
  { id: 'text-surface', fg: 'colorText', bg: 'colorSurface' },
  { id: 'muted-surface', fg: 'colorMuted', bg: 'colorSurface' },
  { id: 'primary-text', fg: 'colorPrimaryText', bg: 'colorPrimary' },
  { id: 'primary-surface', fg: 'colorPrimary', bg: 'colorSurface' },
] as const satisfies readonly { id: string; fg: keyof ThemeTokens; bg: keyof ThemeTokens }[];

/** WCAG 2 AA for normal-size text. */
export const AA_RATIO = 4.5;

export interface ContrastResult {
  id: (typeof TEXT_PAIRS)[number]['id'];
  fg: string;
  bg: string;
  /** Rounded down to two decimals, so a pair shown as 4.50 really passes. */
  ratio: number;
  passes: boolean;
}

export function contrastReport(tokens: ThemeTokens): ContrastResult[] {
  return TEXT_PAIRS.map(({ id, fg, bg }) => {
    const ratio = Math.floor(contrastRatio(tokens[fg], tokens[bg]) * 100) / 100;
    return { id, fg: tokens[fg], bg: tokens[bg], ratio, passes: ratio >= AA_RATIO };
  });
}

/** The WCAG contrast ratio of two hex colours (#abc or #aabbcc), from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function luminance(hex: string): number {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const channel = (i: number) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}
