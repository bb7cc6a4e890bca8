import postcss, { type Root } from 'postcss';

/**
 * The stylesheet a page needs, to inline in its head so that its first paint waits for no second
 * request: the app's stylesheet (Tailwind's output) without what the page cannot match. A rule is
 * kept when one of its selectors names only classes that occur in the page's `class` attributes
 * and only elements that occur in it (`html`, `*` and `[data-price]` name neither and are kept).
 * Custom properties (Tailwind's theme and `--tw-*` defaults, `@property`) are kept when a kept
 * declaration reads them, directly or through another one.
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

function inVariableLayer(node: postcss.Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'atrule' && (at as postcss.AtRule).name === 'layer' && VARIABLE_LAYERS.has((at as postcss.AtRule).params.trim())) return true;
  }
  return false;
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

/** `css` with only the rules the markup (its HTML, or what it uses) can match, and the custom properties they read (see above). */
export function criticalCss(css: string, markup: string | MarkupUse): string {
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
  const key = `${[...classes].sort().join(' ')}|${[...elements].sort().join(' ')}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = prune(source, classes, elements);
    if (answers.size >= PRUNED_PER_STYLESHEET) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
  }
  return answer;
}

function prune(source: Root, classes: Set<string>, elements: Set<string>): string {
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
  // The custom properties read by what is left, and those they read in turn.
  const definitions = new Map<string, string[]>();
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--') && inVariableLayer(decl)) definitions.set(decl.prop, [...(definitions.get(decl.prop) ?? []), decl.value]);
  });
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
    if (inVariableLayer(decl)) return;
    reads(decl.value);
    // A property a kept rule sets keeps its registration: `@property … inherits: false` is what
    // stops it from reaching the element's children.
    if (decl.prop.startsWith('--') && !read.has(decl.prop)) {
      read.add(decl.prop);
      pending.push(decl.prop);
    }
  });
  while (pending.length) for (const value of definitions.get(pending.pop()!) ?? []) reads(value);
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--') && inVariableLayer(decl) && !read.has(decl.prop)) decl.remove();
  });
  root.walkAtRules('property', (at) => {
    if (!read.has(at.params.trim())) at.remove();
  });
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
