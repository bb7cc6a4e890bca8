import { describe, expect, it } from 'vitest';
import { getTheme, themeCss, THEME_NAMES } from '@/themes';
import { mergeTokens, parseTokenOverrides, tokensToCss } from '@/themes/tokens';

describe('theme token overrides', () => {
  it('accepts colours, known fonts and bounded lengths', () => {
    const result = parseTokenOverrides({ colorPrimary: '#A1B2C3', fontHeading: 'serif', radius: '12px', spacing: '0.3rem' });
    expect(result).toEqual({ ok: true, value: { colorPrimary: '#A1B2C3', fontHeading: 'serif', radius: '12px', spacing: '0.3rem' } });
  });

  it('refuses CSS smuggled through a token, naming the token', () => {
    const attempts = [
      { colorPrimary: 'red;}body{display:none' },
      { colorPrimary: '#fff</style><script>alert(1)</script>' },
      { fontBody: 'Arial; background:url(//evil.example)' },
      { radius: 'calc(100vw)' },
      { radius: '64px' },
      { unknownToken: '#fff' },
    ];
    for (const attempt of attempts) {
      const result = parseTokenOverrides(attempt);
      expect(result.ok, JSON.stringify(attempt)).toBe(false);
      if (!result.ok) expect(result.errors.join(' ')).toMatch(new RegExp(Object.keys(attempt)[0]!));
    }
  });

  it('ignores a bad value that reached the database and keeps the theme token', () => {
    const base = getTheme('classic').tokens;
    const merged = mergeTokens(base, { colorPrimary: 'red}*{color:red', colorAccent: '#123456' });
    expect(merged.colorPrimary).toBe(base.colorPrimary);
    expect(merged.colorAccent).toBe('#123456');
  });

  it('renders one :root rule of --cf-* variables with font stacks resolved', () => {
    const css = themeCss('studio', { colorPrimary: '#4338ca' });
    expect(css).toMatch(/^:root\{[^{}]*\}$/);
    expect(css).toContain('--cf-color-primary:#4338ca');
    expect(css).toContain('--cf-font-heading:Charter');
  });

  it('ships at least three themes whose tokens differ', () => {
    expect(THEME_NAMES.length).toBeGreaterThanOrEqual(3);
    const rendered = new Set(THEME_NAMES.map((name) => tokensToCss(getTheme(name).tokens)));
    expect(rendered.size).toBe(THEME_NAMES.length);
  });

  it('falls back to the classic theme for a name no longer shipped', () => {
    expect(getTheme('retired-theme').name).toBe('classic');
  });
});
