import { createElement as h, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { renderToHtml, renderToHtmlSync } from '@/lib/html/render';
import { getTheme } from '@/themes';

// The personal pages' renderer must write what React writes for the same tree: the same elements,
// attributes (in any order: HTML does not care) and text.
async function same(node: ReactNode) {
  expect(canonical(await renderToHtml(node))).toEqual(canonical(renderToStaticMarkup(node)));
}

type Canonical = string | { tag: string; attributes: [string, string][]; children: Canonical[] };
function canonical(html: string): Canonical[] {
  const walk = (n: { type: string; data?: string; name?: string; attribs?: Record<string, string>; children?: unknown[] }): Canonical =>
    n.type === 'text' ? n.data! : n.type === 'comment' ? `<!--${n.data}-->` : {
      tag: n.name!,
      attributes: Object.entries(n.attribs ?? {}).sort(([a], [b]) => a.localeCompare(b)),
      children: (n.children ?? []).map((c) => walk(c as Parameters<typeof walk>[0])),
    };
  return parseDocument(html, { decodeEntities: false }).children.map((c) => walk(c as Parameters<typeof walk>[0]));
}

describe('rendering server components to HTML without React', () => {
  it('writes elements, attributes and text exactly as React does, escaping what a customer typed', async () => {
    await same(
      h('div', { className: 'a b', 'data-testid': 'x', 'aria-hidden': true, hidden: true, id: undefined },
        h('p', null, 'Tom & Jerry <script>alert("x")</script> it\'s'),
        h('a', { href: '/q?a=1&b="2"', title: "O'Brien" }, 'link'),
        h('br'),
        42,
        null,
        false,
        [h('span', { key: 1 }, 'one'), h('span', { key: 2 }, 'two')],
      ),
    );
  });

  it('writes forms the way React does: default values, selected options, booleans, labels', async () => {
    await same(
      h('form', { method: 'post', action: '/api/cart/update' },
        h('label', { htmlFor: 'seats' }, 'Seats'),
        h('input', { id: 'seats', type: 'number', name: 'seats', defaultValue: 3, min: 1, max: 300, required: true, 'aria-label': 'Seats' }),
        h('input', { type: 'checkbox', name: 'ok', defaultChecked: true, disabled: false }),
        h('select', { name: 'currency', defaultValue: 'EUR' }, ['USD', 'EUR'].map((c) => h('option', { key: c }, c))),
        h('select', { name: 'x', defaultValue: 'b' }, h('option', { value: 'a' }, 'A'), h('option', { value: 'b' }, 'B')),
        h('textarea', { name: 'notes', defaultValue: 'a < b' }),
        h('button', { type: 'submit' }, 'Update'),
      ),
    );
  });

  it('renders function components, async ones included, fragments and raw HTML', async () => {
    const Sync = ({ name }: { name: string }) => h('b', null, name);
    const Async = async ({ children }: { children: ReactNode }) => h('section', null, children);
    const tree = h(Async, null, h(Fragment, null, h(Sync, { name: 'Ann' }), h('style', { dangerouslySetInnerHTML: { __html: 'a>b{color:red}' } })));
    expect(await renderToHtml(tree)).toBe('<section><b>Ann</b><style>a>b{color:red}</style></section>');
  });

  it('renders a tree without async parts synchronously, and refuses one with them', () => {
    expect(renderToHtmlSync(h('head', null, h('title', null, 'A & B'), h('meta', { charSet: 'utf-8' })))).toBe('<head><title>A &amp; B</title><meta charSet="utf-8"/></head>');
    const Async = async () => h('i', null, 'later');
    expect(() => renderToHtmlSync(h('div', null, h(Async)))).toThrow(/async component/);
  });

  it('keeps document order when an async component sits between sync siblings, inside a select too', async () => {
    const later = (ms: number, text: string) => async () => {
      await new Promise((r) => setTimeout(r, ms));
      return h('i', null, text);
    };
    const Slow = later(5, 'slow');
    const Fast = later(0, 'fast');
    const Options = async () => [h('option', { key: 'a', value: 'a' }, 'A'), h('option', { key: 'b', value: 'b' }, 'B')];
    const tree = h('main', null,
      'before',
      [h(Slow, { key: 1 }), h('span', { key: 2 }, 'middle'), h(Fast, { key: 3 })],
      Promise.resolve(h('em', null, 'promised')),
      h('select', { name: 's', defaultValue: 'b' }, h(Options)),
      'after',
    );
    expect(await renderToHtml(tree)).toBe(
      '<main>before<i>slow</i><span>middle</span><i>fast</i><em>promised</em><select name="s"><option value="a">A</option><option value="b" selected="">B</option></select>after</main>',
    );
  });

  it('renders every theme’s header and footer as React does', async () => {
    for (const name of ['classic', 'bold', 'studio']) {
      const theme = getTheme(name);
      const tree = h(theme.Shell, {
        header: h(theme.Header, { storeName: 'Acme & Co', homeHref: '/', nav: [{ href: '/', label: 'Home', current: true }, { href: '/cart', label: 'Cart' }], localeSwitcher: h('span', null, 'EN'), menuLabel: 'Menu' }),
        footer: h(theme.Footer, { storeName: 'Acme & Co', links: [{ href: '/pages/about', label: 'About' }], notes: ['Prices in euro'] }),
        children: h('main', null, 'body'),
      });
      await same(tree);
    }
  });

  it('refuses what these pages must never contain instead of dropping it silently', async () => {
    await expect(renderToHtml(h('button', { onClick: () => {} }, 'x'))).rejects.toThrow(/event handler/);
  });
});
