import { z } from 'zod';

/**
 * Font stacks a theme or a tenant may choose. Tenants pick a key, never a CSS string, so nothing
 * a tenant types reaches the stylesheet except values matched by the patterns below.
 */
export const FONT_STACKS = {
  system: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  humanist: '"Gill Sans", "Gill Sans MT", Calibri, "Trebuchet MS", sans-serif',
  geometric: 'Avenir, Montserrat, Corbel, "URW Gothic", source-sans-pro, sans-serif',
  serif: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
  mono: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, monospace',
} as const;

export type FontKey = keyof typeof FONT_STACKS;

const color = z
  .string()
  .regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as #1a2b3c');
const font = z.enum(Object.keys(FONT_STACKS) as [FontKey, ...FontKey[]], {
  error: `must be one of ${Object.keys(FONT_STACKS).join(', ')}`,
});
const length = (max: number) =>
  z
    .string()
    .regex(/^(?:0|\d{1,2}(?:\.\d{1,3})?(?:px|rem))$/, 'must be a length such as 8px or 0.5rem')
    .refine((v) => toPx(v) <= max, `must be at most ${max}px`);

export const tokenSchema = z.strictObject({
  colorPrimary: color,
  colorPrimaryText: color,
  colorAccent: color,
  colorBackground: color,
  colorSurface: color,
  colorText: color,
  colorMuted: color,
  colorBorder: color,
  fontBody: font,
  fontHeading: font,
  radius: length(32),
  spacing: length(8),
});

export type ThemeTokens = z.infer<typeof tokenSchema>;
export type TokenName = keyof ThemeTokens;

/** Overrides a tenant stores: any subset of the tokens, each validated like the theme's own. */
export const tokenOverridesSchema = tokenSchema.partial();
export type TokenOverrides = z.infer<typeof tokenOverridesSchema>;

export function parseTokenOverrides(input: unknown):
  | { ok: true; value: TokenOverrides }
  | { ok: false; errors: string[] } {
  const result = tokenOverridesSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)),
  };
}

/**
 * Theme tokens plus a tenant's overrides. Stored overrides are re-validated on the way out: a row
 * edited by hand with a bad value falls back to the theme's token instead of reaching the page.
 */
export function mergeTokens(base: ThemeTokens, overrides: unknown): ThemeTokens {
  const merged: ThemeTokens = { ...base };
  if (overrides && typeof overrides === 'object') {
    for (const [name, value] of Object.entries(overrides)) {
      const field = tokenSchema.shape[name as TokenName];
      if (field && field.safeParse(value).success) Object.assign(merged, { [name]: value });
    }
  }
  return merged;
}

const CSS_VAR: Record<TokenName, string> = {
  colorPrimary: '--cf-color-primary',
  colorPrimaryText: '--cf-color-primary-text',
  colorAccent: '--cf-color-accent',
  colorBackground: '--cf-color-background',
  colorSurface: '--cf-color-surface',
  colorText: '--cf-color-text',
  colorMuted: '--cf-color-muted',
  colorBorder: '--cf-color-border',
  fontBody: '--cf-font-body',
  fontHeading: '--cf-font-heading',
  radius: '--cf-radius',
  spacing: '--cf-spacing',
};

/** The variables `tokensToCss` defines on every page, whatever the theme and its overrides. */
export const TOKEN_VARIABLES: readonly string[] = Object.values(CSS_VAR);

/** The `:root` rule the server renders into <head>; Tailwind utilities read these variables. */
export function tokensToCss(tokens: ThemeTokens): string {
  const checked = tokenSchema.parse(tokens);
  const declarations = (Object.keys(CSS_VAR) as TokenName[]).map((name) => {
    const value = name === 'fontBody' || name === 'fontHeading' ? FONT_STACKS[checked[name] as FontKey] : checked[name];
    return `${CSS_VAR[name]}:${value}`;
  });
  return `:root{${declarations.join(';')}}`;
}

function toPx(value: string): number {
  if (value === '0') return 0;
  const n = Number.parseFloat(value);
  return value.endsWith('rem') ? n * 16 : n;
}
