import { describe, expect, it } from 'vitest';
import { criticalCss, markupUse, selectorClasses, selectorElements, usedClasses } from '@/lib/html/critical-css';

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

  it('keeps the rules the markup matches, with their media queries, nesting and the variables they read, and nothing else', () => {
    const html = '<body><h1 class="p-2 md:grid-cols-[16rem_1fr] hover:text-red cf-plans aria-[current=page]:font-bold">Hi</h1></body>';
    const css = criticalCss(CSS, html);
    for (const kept of ['.p-2{', '.md\\:grid-cols-\\[16rem_1fr\\]', '.hover\\:text-red{&:hover', '--color-red:#f00', '--spacing:4px', 'h1{font-size', 'html{line-height', '*,:after', '.cf-plans:has', '[data-price]', 'aria-\\[current']) {
      expect(css, kept).toContain(kept);
    }
    for (const gone of ['html,:host', '.unused', '.md\\:hidden', '--unused', 'table', 'abbr', '.text-red{', '.space-y-2', '@property --tw-shadow', '@property --tw-unused', 'h2']) {
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

  it('keeps an @property and a theme variable once a kept rule reads them', () => {
    const css = criticalCss(CSS, '<div class="shadow space-y-2"><p>a</p></div>');
    expect(css).toContain('@property --tw-shadow');
    expect(css).not.toContain('@property --tw-unused');
    expect(css).toContain('.space-y-2{:where(&>:not(:last-child)){margin-block-start:var(--spacing)}}');
    expect(css).toContain('--spacing:4px');
  });

  it('keeps the registration of a property a kept rule sets, so that it does not reach the children', () => {
    const css = criticalCss('@layer utilities{.font-bold{--tw-font-weight:700;font-weight:700}}@property --tw-font-weight{syntax:"*";inherits:false}', '<b class="font-bold">x</b>');
    expect(css).toContain('@property --tw-font-weight');
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
