import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The app's one stylesheet (app/globals.css through Tailwind), as text, for storefront pages to
 * inline what they use of it (lib/html/critical-css.ts). A production server reads what `next
 * build` wrote (the only CSS the app has); `next dev` writes it nowhere stable, so there it is
 * compiled here with the same PostCSS plugin, again whenever a source file may have changed.
 */
let built: Promise<string> | null = null;
let compiled: { at: number; css: Promise<string> } | null = null;
const DEV_LIFETIME_MS = 2_000;

export function appStylesheet(): Promise<string> {
  if (process.env.NODE_ENV === 'development') {
    if (!compiled || Date.now() - compiled.at > DEV_LIFETIME_MS) compiled = { at: Date.now(), css: compile() };
    return compiled.css;
  }
  built ??= readBuilt().catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}

async function readBuilt(): Promise<string> {
  const root = path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'static');
  const files: string[] = [];
  // Turbopack writes CSS among its chunks, webpack under css/.
  for (const dir of ['chunks', 'css']) {
    const names = await readdir(path.join(root, dir)).catch(() => [] as string[]);
    for (const name of names) if (name.endsWith('.css')) files.push(path.join(root, dir, name));
  }
  if (!files.length) throw new Error(`stylesheet: no CSS under ${root}; was the app built (next build)?`);
  // Newest first would matter only with stale files from an earlier build in the same folder.
  const dated = await Promise.all(files.map(async (file) => ({ file, at: (await stat(file)).mtimeMs })));
  const newest = Math.max(...dated.map((d) => d.at));
  const current = dated.filter((d) => newest - d.at < 60_000).map((d) => d.file).sort();
  return (await Promise.all(current.map((file) => readFile(file, 'utf8')))).join('\n');
}

async function compile(): Promise<string> {
  const from = path.join(process.cwd(), 'app', 'globals.css');
  // Development only: both are devDependencies of the app, as the build uses them too.
  const [{ default: postcss }, { default: tailwind }] = await Promise.all([import('postcss'), import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@tailwindcss/postcss')]);
  const result = await postcss([tailwind()]).process(await readFile(from, 'utf8'), { from });
  return result.css;
}
