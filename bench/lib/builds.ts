import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

/** The repository root (bench/lib/ is two levels down). */
export const REPO = resolve(import.meta.dirname, '../..')
/** Everything the benchmarks build or write; gitignored. */
export const RESULTS = join(REPO, 'bench-results')
const BUILDS = join(RESULTS, '.build')

/** One entry of Vite's `.vite/manifest.json`. */
export interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}
export type Manifest = Record<string, ManifestChunk>

export interface Built {
  outDir: string
  manifest: Manifest
}

/**
 * The app as `npm run build` builds it (the repository's vite.config.ts), plus a manifest, in
 * a folder of the benchmarks' own: the figures always come from the current sources, and a
 * `dist/` that the end-to-end tests may be serving at the same moment is left alone.
 */
export async function buildApp(name = 'app'): Promise<Built> {
  const outDir = join(BUILDS, name)
  await build({
    configFile: join(REPO, 'vite.config.ts'),
    root: REPO,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true },
  })
  return { outDir, manifest: await readManifest(outDir) }
}

/** The bench-only pages (the naive list, the harness) and the in-page probe: bench/vite.config.ts. */
export async function buildBenchPages(): Promise<Built> {
  const outDir = join(BUILDS, 'pages')
  await build({ configFile: join(REPO, 'bench/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  return { outDir, manifest: await readManifest(outDir) }
}

/** The smallest React 19 app: the baseline of the bundle figure. */
const MINIMAL_MAIN = `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

createRoot(document.getElementById('root')!).render(<StrictMode><h1>Hello</h1></StrictMode>)
`
const MINIMAL_HTML = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>minimal</title></head>
<body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>
`

/**
 * A minimal React 19 app built with the same Vite and React plugin, from a temporary folder
 * inside the repository so that it resolves this repository's node_modules.
 */
export async function buildMinimalReact(name = 'minimal-react'): Promise<Built> {
  const source = join(BUILDS, `${name}-src`)
  const outDir = join(BUILDS, name)
  await rm(source, { recursive: true, force: true })
  await mkdir(source, { recursive: true })
  await writeFile(join(source, 'main.tsx'), MINIMAL_MAIN)
  await writeFile(join(source, 'index.html'), MINIMAL_HTML)
  await build({
    configFile: false,
    root: source,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, manifest: true, target: 'es2022' },
  })
  await rm(source, { recursive: true, force: true })
  return { outDir, manifest: await readManifest(outDir) }
}

async function readManifest(outDir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
}
