import type { ReactNode } from 'react';

/**
 * Server components to HTML without React's streaming pipeline, for the pages a signed-in person
 * asks for on every visit (docs/performance.md): a dynamic page through Next's renderer costs
 * several times a route handler on this hardware. Covers what those pages use and nothing more —
 * host elements, function components (sync or async, no hooks), fragments, arrays, text — and
 * refuses anything else loudly rather than render it wrongly. Its output is checked against
 * React's own `renderToStaticMarkup` (tests/html-render.test.ts).
 */
export async function renderToHtml(node: ReactNode): Promise<string> {
  const out: string[] = [];
  const pending = write(node, out, null);
  if (pending) await pending;
  return out.join('');
}

/** The same for a tree without async components or promises (a document's head): no promise at all. */
export function renderToHtmlSync(node: ReactNode): string {
  const out: string[] = [];
  if (write(node, out, null)) throw new Error('renderToHtmlSync: the tree holds an async component or a promise; use renderToHtml');
  return out.join('');
}

/** Markup written as is (a frame rendered by Next, an already escaped fragment). */
export interface RawHtml {
  readonly __html: string;
}

const FRAGMENT = Symbol.for('react.fragment');
const ELEMENT = Symbol.for('react.transitional.element');
const LEGACY_ELEMENT = Symbol.for('react.element');
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const SKIPPED = new Set(['children', 'key', 'ref', 'dangerouslySetInnerHTML', 'suppressHydrationWarning', 'suppressContentEditableWarning']);
const RENAMED: Record<string, string> = { className: 'class', htmlFor: 'for', acceptCharset: 'accept-charset', httpEquiv: 'http-equiv' };
// Attributes whose `true` React writes as the empty string, and whose `false` it leaves out.
const BOOLEAN = new Set([
  'allowFullScreen', 'async', 'autoFocus', 'autoPlay', 'checked', 'controls', 'default', 'defer', 'disabled', 'formNoValidate',
  'hidden', 'inert', 'loop', 'multiple', 'muted', 'noModule', 'noValidate', 'open', 'playsInline', 'readOnly', 'required',
  'reversed', 'scoped', 'seamless', 'selected', 'itemScope',
]);

interface Element {
  type: unknown;
  props: Record<string, unknown>;
}

/** The value a <select> marks selected among its options (React's defaultValue/value on select). */
type Selection = Set<string> | null;

/**
 * Writes `node` into `out` synchronously as far as it can, and returns a promise only where an
 * async component or a promise stands in the tree (the rest is written once it settles, in order).
 * A page is a few thousand elements: a promise per element, each seen by every async hook (Node
 * 20's AsyncLocalStorage is one), cost more than writing them.
 */
function write(node: unknown, out: string[], selection: Selection): Promise<void> | void {
  if (node === null || node === undefined || typeof node === 'boolean') return;
  if (typeof node === 'string') return void out.push(escape(node));
  if (typeof node === 'number' || typeof node === 'bigint') return void out.push(String(node));
  // React separates adjacent text nodes with a comment only when hydrating; static markup does not.
  if (Array.isArray(node)) return writeAll(node, 0, out, selection);
  if (typeof node === 'object' && node !== null && 'then' in node) return Promise.resolve(node as PromiseLike<unknown>).then((value) => write(value, out, selection));
  if (!isElement(node)) throw new Error(`renderToHtml: cannot render ${Object.prototype.toString.call(node)}`);
  const { type, props } = node;
  if (type === FRAGMENT) return write(props.children, out, selection);
  if (typeof type === 'function') {
    if ((type as { prototype?: { isReactComponent?: unknown } }).prototype?.isReactComponent) throw new Error('renderToHtml: class components are not supported');
    return write((type as (p: unknown) => unknown)(props), out, selection);
  }
  if (typeof type !== 'string') throw new Error(`renderToHtml: unsupported element type ${String((type as { $$typeof?: symbol })?.$$typeof?.description ?? type)}`);
  return writeHost(type, props, out, selection);
}

function writeAll(nodes: unknown[], from: number, out: string[], selection: Selection): Promise<void> | void {
  for (let i = from; i < nodes.length; i++) {
    const pending = write(nodes[i], out, selection);
    if (pending) return pending.then(() => writeAll(nodes, i + 1, out, selection));
  }
}

function isElement(node: unknown): node is Element {
  const tag = (node as { $$typeof?: unknown }).$$typeof;
  return tag === ELEMENT || tag === LEGACY_ELEMENT;
}

function writeHost(tag: string, props: Record<string, unknown>, out: string[], selection: Selection): Promise<void> | void {
  out.push('<', tag);
  let childSelection = selection;
  let textContent: unknown = props.children;
  for (const [name, raw] of Object.entries(props)) {
    if (SKIPPED.has(name)) continue;
    let value = raw;
    let attr = name;
    if (/^on[A-Z]/.test(name)) throw new Error(`renderToHtml: <${tag} ${name}> is an event handler; these pages are rendered without script`);
    if (tag === 'select' && (name === 'value' || name === 'defaultValue')) {
      childSelection = new Set((Array.isArray(raw) ? raw : [raw]).map(String));
      continue;
    }
    if (tag === 'textarea' && (name === 'value' || name === 'defaultValue')) {
      textContent = raw;
      continue;
    }
    if (name === 'defaultValue') attr = 'value';
    if (name === 'defaultChecked') attr = 'checked';
    if (name === 'style' && value && typeof value === 'object') value = styleText(value as Record<string, unknown>);
    attr = RENAMED[attr] ?? attr;
    if (value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    if (BOOLEAN.has(attr)) {
      if (value) out.push(' ', attr, '=""');
      continue;
    }
    if (typeof value === 'boolean') {
      // aria-* and data-* keep "true"/"false"; other unknown booleans are dropped, as React does.
      if (attr.startsWith('aria-') || attr.startsWith('data-')) out.push(' ', attr, '="', String(value), '"');
      continue;
    }
    out.push(' ', attr, '="', escape(String(value)), '"');
  }
  if (tag === 'option' && selection) {
    const own = props.value ?? flatText(props.children);
    if (selection.has(String(own))) out.push(' selected=""');
  }
  if (VOID.has(tag)) return void out.push('/>');
  out.push('>');
  const inner = props.dangerouslySetInnerHTML as RawHtml | undefined;
  if (inner && typeof inner.__html === 'string') out.push(inner.__html);
  else {
    const pending = write(textContent, out, tag === 'select' ? childSelection : tag === 'option' ? null : selection);
    if (pending) return pending.then(() => void out.push('</', tag, '>'));
  }
  out.push('</', tag, '>');
}

function flatText(children: unknown): string {
  if (children === null || children === undefined || typeof children === 'boolean') return '';
  if (Array.isArray(children)) return children.map(flatText).join('');
  return typeof children === 'object' ? '' : String(children);
}

// Properties React leaves without a unit when given a number.
const UNITLESS = new Set(['flex', 'flexGrow', 'flexShrink', 'fontWeight', 'lineHeight', 'opacity', 'order', 'zIndex', 'zoom', 'gridRow', 'gridColumn']);

function styleText(style: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(style)) {
    if (value === null || value === undefined || value === '' || typeof value === 'boolean') continue;
    const property = name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const text = typeof value === 'number' && value !== 0 && !UNITLESS.has(name) && !name.startsWith('--') ? `${value}px` : String(value).trim();
    parts.push(`${property}:${text}`);
  }
  return parts.join(';');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** The escaping React applies to text and attribute values. */
export function escape(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}
