import { describe, expect, it } from 'vitest';
import { criticalCss, markupUse, selectorClasses, selectorElements, usedClasses, withoutFallbacks } from '@/lib/html/critical-css';

const CSS = [
  '@layer theme{:root,:host{--color-red:#f00;--spacing:4px;--unused:1px;--text-sm:.875rem;--text-sm--line-height:calc(1.25/.875)}}',
  '@layer base{*,:after{box-sizing:border-box}html,:host{line-height:1.5}h1,h2{font-size:inherit}table{border-collapse:collapse}abbr:where([title]){text-decoration:underline dotted}}',
  '@layer utilities{.p-2{padding:calc(var(--spacing)*2)}.text-red{color:var(--color-red)}.unused{color:blue}',
  '.hover\\:text-red{&:hover{@media (hover:hover){color:var(--color-red)}}}',
  '@media (min-width:48rem){.md\\:grid-cols-\\[16rem_1fr\\]{grid-template-columns:16rem 1fr}.md\\:hidden{display:none}}',
  '.aria-\\[current\\=page\\]\\:font-bold[aria-current=page]{font-weight:700}.space-y-2{:where(&>:not(:last-child)){margin-block-start:var(--spacing)}}}',
  '.cf-plans:has([data-period-choice=month]:checked) [data-period=year]{display:none}[data-price]{display:none}',
  '@property --tw-shadow{syntax:"*";inherits:false}@property --tw-unused{syntax:"*";inherits:false}.shadow{box-shadow:var(--tw-shadow)}',
].join('');

describe('the CSS a page inlines', () => {
  it('reads class names from selectors and markup as Tailwind escapes and React writes them', () => {
    expect(selectorClasses('.md\\:grid-cols-\\[16rem_1fr\\]')).toEqual(['md:grid-cols-[16rem_1fr]']);
    expect(selectorClasses('.aria-\\[current\\=page\\]\\:font-bold[aria-current=page]')).toEqual(['aria-[current=page]:font-bold']);
    expect(selectorClasses('.\\32 xl\\:p-2')).toEqual(['2xl:p-2']);
    expect(selectorElements('.md\\:grid:hover > a')).toEqual(['a']);
    expect(selectorElements('abbr:where([title])')).toEqual(['abbr']);
    expect(selectorElements('*,:after')).toEqual([]);
    expect([...usedClasses('<a class="p-2 aria-[current=page]:font-bold" href="/">x</a><p class="[&amp;&gt;p]:m-0">')]).toEqual(['p-2', 'aria-[current=page]:font-bold', '[&>p]:m-0']);
  });

  it('keeps the rules the markup matches, with their media queries, nesting and the theme values they read, and nothing else', () => {
    const html = '<body><h1 class="p-2 md:grid-cols-[16rem_1fr] hover:text-red cf-plans aria-[current=page]:font-bold">Hi</h1></body>';
    const css = criticalCss(CSS, html);
    for (const kept of ['.p-2{', '.md\\:grid-cols-\\[16rem_1fr\\]', '.hover\\:text-red{&:hover{@media (hover:hover){color:#f00}', '.p-2{padding:calc(4px*2)}', 'h1{font-size', 'html{line-height', '*,:after', '.cf-plans:has', '[data-price]', 'aria-\\[current']) {
      expect(css, kept).toContain(kept);
    }
    for (const gone of ['html,:host', '.unused', '.md\\:hidden', '--unused', 'table', 'abbr', '.text-red{', '.space-y-2', '@property --tw-shadow', '@property --tw-unused', 'h2', '--color-red', '--spacing']) {
      expect(css, gone).not.toContain(gone);
    }
  });

  it('gives a page read in parts (a cached frame, then the person’s part) the CSS of the whole', () => {
    const frame = '<body><header class="shadow"><nav class="md:hidden">x</nav></header><cf-slot></cf-slot><footer class="p-2">y</footer></body>';
    const [before, after] = frame.split('<cf-slot></cf-slot>') as [string, string];
    const content = '<main class="text-red space-y-2"><table><tr><td>1</td></tr></table></main>';
    const whole = criticalCss(CSS, before + content + after);
    expect(criticalCss(CSS, markupUse(content, markupUse(before + after)))).toBe(whole);
    expect(whole).toContain('.text-red{');
    expect(whole).toContain('table{');
    expect(criticalCss(CSS, markupUse(content))).not.toContain('.md\\:hidden');
  });

  it('keeps an @property once a kept rule reads it', () => {
    const css = criticalCss(CSS, '<div class="shadow space-y-2"><p>a</p></div>');
    expect(css).toContain('@property --tw-shadow');
    expect(css).not.toContain('@property --tw-unused');
    expect(css).toContain('.space-y-2{:where(&>:not(:last-child)){margin-block-start:4px}}');
  });

  it('keeps the registration of a property a kept rule sets and another reads, so that it does not reach the children', () => {
    const registered = '@property --tw-leading{syntax:"*";inherits:false}@property --tw-font-weight{syntax:"*";inherits:false}';
    const css = criticalCss(`@layer utilities{.leading-tight{--tw-leading:1.25;line-height:1.25}.text-sm{font-size:.875rem;line-height:var(--tw-leading,1.4)}}${registered}`, '<p class="leading-tight"><b class="text-sm">x</b></p>');
    expect(css).toContain('--tw-leading:1.25');
    expect(css).toContain('@property --tw-leading');
  });

  it('drops a property nothing on the page reads, with its registration and default', () => {
    const source = '@layer properties{@supports (not (margin-trim:block)){*,:before{--tw-font-weight:initial;--tw-leading:initial}}}@layer utilities{.font-bold{--tw-font-weight:var(--font-weight-bold);font-weight:var(--font-weight-bold)}.leading-5{--tw-leading:1.25rem;line-height:1.25rem}.text-sm{line-height:var(--tw-leading,1.4)}}@layer theme{:root{--font-weight-bold:700}}@property --tw-font-weight{syntax:"*";inherits:false}@property --tw-leading{syntax:"*";inherits:false}';
    const css = criticalCss(source, '<b class="font-bold text-sm leading-5">x</b>');
    expect(css).toContain('.font-bold{font-weight:700}');
    expect(css).not.toContain('--tw-font-weight');
    expect(css).toContain('--tw-leading:initial');
    expect(css).toContain('@property --tw-leading');
  });
});

describe('properties with one value on the whole page', () => {
  const SOURCE = [
    '@layer properties{@supports (not (margin-trim:block)){*,:before{--tw-border-style:solid;--tw-leading:initial}}}',
    '@layer theme{:root,:host{--text-sm:.875rem;--text-sm--line-height:calc(1.25 / .875);--color-ink:var(--cf-color-text);--container-md:28rem}}',
    '@layer theme{@media (min-width:40rem){:root{--container-md:30rem}}}',
    '@layer utilities{.border{border-style:var(--tw-border-style);border-width:1px}.border-dashed{--tw-border-style:dashed;border-style:dashed}',
    '.text-sm{font-size:var(--text-sm);line-height:var(--tw-leading,var(--text-sm--line-height))}.leading-5{--tw-leading:1.25rem;line-height:1.25rem}',
    '.text-ink{color:var(--color-ink)}.max-w-md{max-width:var(--container-md)}}',
    '@property --tw-border-style{syntax:"*";inherits:false;initial-value:solid}@property --tw-leading{syntax:"*";inherits:false}',
  ].join('');

  it('are read as their values: the theme’s, and the initial value of a registered property nothing sets', () => {
    const css = criticalCss(SOURCE, '<p class="border text-sm">x</p>');
    expect(css).toContain('.border{border-style:solid;border-width:1px}');
    expect(css).toContain('.text-sm{font-size:.875rem;line-height:calc(1.25 / .875)}');
    for (const gone of ['--tw-border-style', '--tw-leading', '--text-sm', '@property', '@layer properties', '@layer theme']) expect(css, gone).not.toContain(gone);
  });

  it('stay variables where a rule on the page sets them', () => {
    const css = criticalCss(SOURCE, '<p class="border border-dashed text-sm leading-5">x</p>');
    expect(css).toContain('.border{border-style:var(--tw-border-style);border-width:1px}');
    expect(css).toContain('line-height:var(--tw-leading,calc(1.25 / .875))');
    expect(css).toContain('@property --tw-border-style');
    expect(css).toContain('--tw-border-style:solid;--tw-leading:initial');
  });

  it('do not include a theme value that reads another variable, or one set again in a media query', () => {
    const css = criticalCss(SOURCE, '<p class="text-ink max-w-md">x</p>');
    expect(css).toContain('.text-ink{color:var(--color-ink)}');
    expect(css).toContain('--color-ink:var(--cf-color-text)');
    expect(css).toContain('.max-w-md{max-width:var(--container-md)}');
    expect(css).toContain('--container-md:30rem');
  });
});

describe('form controls', () => {
  const css = '@layer base{::placeholder{opacity:1}input::-webkit-inner-spin-button{height:auto}::-webkit-datetime-edit{padding:0}a{color:inherit;-webkit-text-decoration:inherit;-webkit-text-decoration:inherit;text-decoration:inherit}}';
  it('keeps their resets only on a page that has one, and a declaration repeated in a rule once', () => {
    const without = criticalCss(css, '<a href="/">x</a>');
    expect(without).not.toMatch(/placeholder|spin-button|datetime/);
    expect(without.match(/-webkit-text-decoration:inherit/g)).toHaveLength(1);
    const withInput = criticalCss(css, '<form><input name="q"/></form>');
    expect(withInput).toContain('::placeholder');
    expect(withInput).toContain('input::-webkit-inner-spin-button');
  });
});

describe('variables every page defines', () => {
  it('lose their fallbacks, and only theirs', () => {
    const source = '@layer base{html{--tw-leading:1.2;font-family:var(--cf-font-body,-apple-system, "Segoe UI", Roboto, sans-serif);line-height:var(--tw-leading,var(--cf-line, 1.5))}}';
    expect(criticalCss(source, '<p>x</p>', ['--cf-font-body', '--cf-line'])).toContain('font-family:var(--cf-font-body);line-height:var(--tw-leading,var(--cf-line))');
    expect(criticalCss(source, '<p>x</p>', ['--cf-font-body'])).toContain('line-height:var(--tw-leading,1.5)');
    expect(criticalCss(source, '<p>x</p>', ['--cf-line'])).toContain('font-family:-apple-system, "Segoe UI", Roboto, sans-serif;');
  });

  it('keep what follows the var( they end, nested parentheses and all', () => {
    expect(withoutFallbacks('calc(var(--cf-spacing, calc(1px * 4)) * 2)', new Set(['--cf-spacing']))).toBe('calc(var(--cf-spacing) * 2)');
    expect(withoutFallbacks('var(--a, var(--cf-x, 1px)) var(--cf-x,2px)', new Set(['--cf-x']))).toBe('var(--a, var(--cf-x)) var(--cf-x)');
  });
});

describe('a property nothing sets', () => {
  it('is read as its fallback, unless the page defines it', () => {
    const source = '@layer base{html{font-feature-settings:var(--default-font-feature-settings,normal);font-family:var(--cf-font-body,serif)}}';
    expect(criticalCss(source, '<p>x</p>', ['--cf-font-body'])).toBe('@layer base{html{font-feature-settings:normal;font-family:var(--cf-font-body)}}');
  });
});
