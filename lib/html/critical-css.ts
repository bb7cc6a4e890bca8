import postcss, { type Root } from 'postcss';

/**
 * The stylesheet a page needs, to inline in its head so that its first paint waits for no second
 * request: the app's stylesheet (Tailwind's output) without what the page cannot match. A rule is
 * kept when one of its selectors names only classes that occur in the page's `class` attributes
 * and only elements that occur in it (`html`, `*` and `[data-price]` name neither and are kept).
 * Custom properties (Tailwind's theme and `--tw-*` values and defaults, `@property`) are kept when
 * a kept declaration reads them, directly or through another one; one with the same value on every
 * element (a theme value, a default nothing on the page overrides) is read as that value instead.
 */
const VARIABLE_LAYERS = new Set(['theme', 'properties']);

const parsed = new Map<string, Root>();

function parse(css: string): Root {
  let root = parsed.get(css);
  if (!root) {
    root = postcss.parse(css);
    // One stylesheet per build; a development server recompiles it now and then.
    if (parsed.size > 4) parsed.clear();
    parsed.set(css, root);
  }
  return root;
}

/** The classes a page's markup uses, from its `class` attributes (as renderToHtml writes them). */
export function usedClasses(html: string): Set<string> {
  const used = new Set<string>();
  for (const match of html.matchAll(/\sclass="([^"]*)"/g)) {
    for (const name of decodeEntities(match[1]!).split(/\s+/)) if (name) used.add(name);
  }
  return used;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#x27;': "'", '&lt;': '<', '&gt;': '>' };
function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|quot|#x27|lt|gt);/g, (e) => ENTITIES[e]!);
}

// A class in a selector, escapes and all (`.md\:grid-cols-\[16rem_1fr\]`).
const CLASS = /\.((?:\\[0-9a-fA-F]{1,6} ?|\\.|[\w\u00a0-\uffff-])+)/g;

// Pseudo-elements and -classes only form controls have (preflight resets them): a page without
// any control needs none of them.
const FORM_CONTROLS = ['input', 'textarea', 'select', 'button'];
const FORM_PSEUDO = /::?(?:placeholder|file-selector-button|-webkit-(?:search-decoration|date-and-time-value|datetime-edit[\w-]*|calendar-picker-indicator|inner-spin-button|outer-spin-button)|-moz-(?:ui-invalid|focusring))/;

/** The element names a page's markup uses. */
export function usedElements(html: string): Set<string> {
  // The document's own elements are there whether or not `html` is the whole document.
  return new Set(['html', 'head', 'body', ...[...html.matchAll(/<([a-z][a-z0-9-]*)/g)].map((m) => m[1]!)]);
}

/** The element names a selector requires (`abbr:where([title])` → abbr; pseudo-classes and attributes are not elements). */
export function selectorElements(selector: string): string[] {
  const bare = selector.replace(CLASS, ' ').replace(/\[[^\]]*\]|::?[\w-]+/g, ' ');
  return [...bare.matchAll(/(?:^|[\s>+~(,])([a-z][a-z0-9-]*)/g)].map((m) => m[1]!);
}

/** The class names a selector requires (`.md\:grid-cols-3:hover .x` → md:grid-cols-3, x). */
export function selectorClasses(selector: string): string[] {
  const names: string[] = [];
  for (const match of selector.matchAll(CLASS)) {
    names.push(match[1]!.replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/g, (_m, hex: string | undefined, char: string | undefined) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : char!)));
  }
  return names;
}

/** The layer a node is in, if it is in one. */
function layerOf(node: postcss.Node): string | undefined {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'atrule' && (at as postcss.AtRule).name === 'layer') return (at as postcss.AtRule).params.trim();
  }
  return undefined;
}

function inVariableLayer(node: postcss.Node): boolean {
  return VARIABLE_LAYERS.has(layerOf(node) ?? '');
}

const VARIABLE = /var\(\s*(--[\w-]+)/g;

// Pages rendered per request (the account, the cart) use one of few sets of classes and
// elements; pruning the stylesheet costs milliseconds, looking its answer up a set's key does not.
const pruned = new Map<Root, Map<string, string>>();
const PRUNED_PER_STYLESHEET = 500;

/** The classes and elements some markup uses (a personal page's frame keeps its own, to read them once). */
export interface MarkupUse {
  classes: Set<string>;
  elements: Set<string>;
}

/** What `html` uses, together with what `also` (markup read before) does. */
export function markupUse(html: string, also?: MarkupUse): MarkupUse {
  const classes = usedClasses(html);
  const elements = usedElements(html);
  for (const name of also?.classes ?? []) classes.add(name);
  for (const name of also?.elements ?? []) elements.add(name);
  return { classes, elements };
}

/**
 * `css` with only the rules the markup (its HTML, or what it uses) can match, and the custom
 * properties they read (see above). `defined` names every property the page sets outside `css`
 * (a tenant's tokens): a fallback for one of them (`var(--cf-font-body, <Tailwind's font stack>)`)
 * is never used, and any other property `css` does not set is known to have its initial value.
 */
export function criticalCss(css: string, markup: string | MarkupUse, defined: readonly string[] = []): string {
  const { classes, elements } = typeof markup === 'string' ? markupUse(markup) : markup;
  const source = parse(css);
  let answers = pruned.get(source);
  if (!answers) {
    // Stylesheets replaced in development take their answers with them.
    const live = new Set(parsed.values());
    for (const root of pruned.keys()) if (!live.has(root)) pruned.delete(root);
    answers = new Map();
    pruned.set(source, answers);
  }
  const key = `${[...classes].sort().join(' ')}|${[...elements].sort().join(' ')}|${defined.join(' ')}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = prune(source, classes, elements, new Set(defined));
    if (answers.size >= PRUNED_PER_STYLESHEET) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
  }
  return answer;
}

/**
 * `value` with each `var(--name[, fallback])` replaced by what `replace` answers for it (its
 * fallback already rewritten); `undefined` keeps it.
 */
function mapVars(value: string, replace: (name: string, fallback: string | undefined) => string | undefined): string {
  let out = '';
  let at = 0;
  const start = /var\(\s*(--[\w-]+)\s*(,?)/g;
  for (let match = start.exec(value); match; match = start.exec(value)) {
    // The var( runs to the parenthesis that closes it.
    let depth = 1;
    let end = match.index + match[0].length;
    const from = end;
    for (; end < value.length && depth > 0; end++) {
      if (value[end] === '(') depth++;
      else if (value[end] === ')') depth--;
    }
    if (depth > 0) break;
    const name = match[1]!;
    const fallback = match[2] ? mapVars(value.slice(from, end - 1), replace) : undefined;
    out += value.slice(at, match.index) + (replace(name, fallback) ?? `var(${name}${fallback === undefined ? '' : `,${fallback}`})`);
    at = end;
    start.lastIndex = end;
  }
  return out + value.slice(at);
}

/** `value` without the fallbacks of the `defined` properties it reads. */
export function withoutFallbacks(value: string, defined: Set<string>): string {
  return mapVars(value, (name) => (defined.has(name) ? `var(${name})` : undefined));
}

/**
 * The custom properties that have one value on every element of the page, and that value (`null`:
 * none, so a read takes its fallback). Tailwind's theme values are set once, on `:root`, in the
 * theme layer; a registered `--tw-*` property that no rule left sets (`--tw-border-style` without
 * `border-dashed`) keeps its initial value, and so does one nothing sets at all. Nothing else
 * sets any of them: the page's own CSS after this sets only the `defined` properties (the tenant's
 * tokens), and its markup has no style attributes that set properties.
 */
function constantProperties(root: Root, defined: Set<string>): Map<string, string | null> {
  const setters = new Map<string, postcss.Declaration[]>();
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--')) setters.set(decl.prop, [...(setters.get(decl.prop) ?? []), decl]);
  });
  const initial = new Map<string, string | null>();
  root.walkAtRules('property', (at) => {
    let value: string | null = null;
    at.walkDecls('initial-value', (decl) => {
      value = decl.value;
    });
    initial.set(at.params.trim(), value);
  });
  const constants = new Map<string, string | null>();
  for (const [name, decls] of setters) {
    const [only] = decls;
    const rule = only!.parent;
    if (decls.length === 1 && layerOf(only!) === 'theme' && rule?.type === 'rule' && (rule as postcss.Rule).selectors.includes(':root') && rule.parent?.type === 'atrule' && (rule.parent as postcss.AtRule).name === 'layer') {
      if (!only!.value.includes('var(') && only!.value !== 'initial') constants.set(name, only!.value);
    } else if (initial.has(name) && decls.every((decl) => layerOf(decl) === 'properties' && (decl.value === initial.get(name) || (decl.value === 'initial' && initial.get(name) === null)))) {
      constants.set(name, initial.get(name)!);
    }
  }
  // Read, but set nowhere: preflight's `var(--default-font-feature-settings, normal)`.
  root.walkDecls((decl) => {
    for (const [, name] of decl.value.matchAll(VARIABLE)) {
      if (!setters.has(name!) && !defined.has(name!)) constants.set(name!, initial.get(name!) ?? null);
    }
  });
  return constants;
}

/** Every read of a constant property (above) replaced by its value. */
function foldConstants(root: Root, defined: Set<string>): void {
  const constants = constantProperties(root, defined);
  if (!constants.size) return;
  const fold = (name: string, fallback: string | undefined) => {
    if (!constants.has(name)) return undefined;
    return constants.get(name) ?? fallback?.trim();
  };
  root.walkDecls((decl) => {
    if (decl.value.includes('var(') && !inVariableLayer(decl)) decl.value = mapVars(decl.value, fold);
  });
}

function prune(source: Root, classes: Set<string>, elements: Set<string>, defined: Set<string>): string {
  const formControls = FORM_CONTROLS.some((name) => elements.has(name));
  const dialogs = elements.has('dialog');
  const matches = (selector: string) =>
    selectorClasses(selector).every((name) => classes.has(name)) &&
    selectorElements(selector).every((name) => elements.has(name)) &&
    (formControls || !FORM_PSEUDO.test(selector)) &&
    (dialogs || !/::backdrop/.test(selector)) &&
    // Storefront pages have no shadow roots.
    !/^:host$/.test(selector.trim());
  const root = source.clone();
  root.walkRules((rule) => {
    // A nested rule (`&:hover`) goes or stays with the rule it is nested in; variables are below.
    if (rule.parent?.type === 'rule' || inVariableLayer(rule)) return;
    const kept = rule.selectors.filter(matches);
    if (!kept.length) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  foldConstants(root, defined);
  // The custom properties read by what is left, and those they read in turn. A property nothing
  // left reads is dead wherever it is set (Tailwind sets `--tw-font-weight` beside every
  // `font-weight` for utilities a page may not have): its declarations and registration go.
  const definitions = new Map<string, string[]>();
  const read = new Set<string>();
  const pending: string[] = [];
  const reads = (value: string) => {
    for (const [, name] of value.matchAll(VARIABLE)) {
      if (read.has(name!)) continue;
      read.add(name!);
      pending.push(name!);
    }
  };
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--')) definitions.set(decl.prop, [...(definitions.get(decl.prop) ?? []), decl.value]);
    else if (!inVariableLayer(decl)) reads(decl.value);
  });
  while (pending.length) for (const value of definitions.get(pending.pop()!) ?? []) reads(value);
  // A read property keeps its registration: `@property … inherits: false` is what stops a value
  // set on an element from reaching its children.
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--') && !read.has(decl.prop)) decl.remove();
  });
  root.walkAtRules('property', (at) => {
    if (!read.has(at.params.trim())) at.remove();
  });
  if (defined.size) {
    root.walkDecls((decl) => {
      if (decl.value.includes('var(')) decl.value = withoutFallbacks(decl.value, defined);
    });
  }
  // The same declaration twice in a rule (autoprefixer's `-webkit-text-decoration` ×4) counts once.
  root.walkRules((rule) => {
    const seen = new Set<string>();
    for (const node of [...(rule.nodes ?? [])].reverse()) {
      if (node.type !== 'decl') continue;
      const key = `${node.prop}:${node.value}${node.important ? '!' : ''}`;
      if (seen.has(key)) node.remove();
      else seen.add(key);
    }
  });
  // Rules and at-rules (media queries, layers) left with nothing inside.
  let emptied = true;
  while (emptied) {
    emptied = false;
    root.walk((node) => {
      if ((node.type === 'rule' || node.type === 'atrule') && node.nodes && node.nodes.length === 0) {
        node.remove();
        emptied = true;
      }
    });
  }
  return root.toString();
}
