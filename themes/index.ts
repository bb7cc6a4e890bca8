import { bold } from './bold';
import { classic } from './classic';
import { studio } from './studio';
import { mergeTokens, tokensToCss } from './tokens';
import type { Theme } from './types';

export type { Theme } from './types';
export { TOKEN_VARIABLES } from './tokens';

const THEMES: Record<string, Theme> = { classic, bold, studio };

export const THEME_NAMES = Object.keys(THEMES);

export function isThemeName(name: string): boolean {
  return Object.hasOwn(THEMES, name);
}

/** The tenant's theme; an unknown name (a theme removed from the code) falls back to Classic. */
export function getTheme(name: string): Theme {
  return THEMES[name] ?? classic;
}

/**
 * CSS variables for a tenant: its theme's tokens, then what it inherits (a reseller: its
 * distributor's defaults), then its own validated overrides.
 */
export function themeCss(themeName: string, overrides: unknown, inherited: unknown = {}): string {
  return tokensToCss(mergeTokens(mergeTokens(getTheme(themeName).tokens, inherited), overrides));
}
