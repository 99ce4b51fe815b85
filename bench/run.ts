/**
 * The benchmarks (issue 5): `npm run bench` runs them all, `npm run bench:smoke` the fast
 * subset CI runs (token, cold-start, burst, bundle) with every timed target 2× looser (sizes keep theirs),
 * failing on a miss.
 *
 *   tsx bench/run.ts [--smoke] [--only=token,latency,…] [--out=bench-results/latest.json]
 *
 * Every figure is repeated and reported as median (min – max) and as a ratio to a baseline
 * measured in the same run: this machine class moves ±30-40% from one run to the next, a
 * ratio far less. The table goes to stdout (Markdown, pasted as is into the README), progress
 * to stderr, and every figure with its runs to the JSON file.
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser } from 'playwright-core'
import { startStaticServer, type StaticServer } from '../test/e2e/static-server'
import { bundleBench } from './benches/bundle'
import { burstBench } from './benches/burst'
import { coldStartBench } from './benches/cold-start'
import { emulatorBench } from './benches/emulator'
import { latencyBench } from './benches/latency'
import { loadBench } from './benches/load'
import { memoryBench } from './benches/memory'
import { tokenBench } from './benches/token'
import { launchChromium } from './lib/browser'
import { buildApp, buildBenchPages, RESULTS } from './lib/builds'
import type { Bench, BenchContext } from './lib/context'
import { notes, table, writeResults, type Figure } from './lib/figures'
import type { Site } from './lib/pages'

const ALL: Bench[] = [tokenBench, coldStartBench, latencyBench, loadBench, burstBench, memoryBench, emulatorBench, bundleBench]
const SMOKE = ['token', 'cold-start', 'burst', 'bundle']
/** Where the app is served: a sub-path, as on a GitHub Pages style host. */
const APP_PREFIX = '/ivs-chat/demo/'

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: join(RESULTS, 'latest.json') },
    list: { type: 'boolean', default: false },
  },
})

if (values.list) {
  for (const bench of ALL) console.log(`${bench.name.padEnd(9)} ${bench.description}`)
  process.exit(0)
}

const wanted = values.only?.split(',').map((name) => name.trim()) ?? (values.smoke ? SMOKE : ALL.map((bench) => bench.name))
const unknown = wanted.filter((name) => !ALL.some((bench) => bench.name === name))
if (unknown.length > 0) throw new Error(`Unknown benchmark(s): ${unknown.join(', ')}; --list shows them`)
const selected = ALL.filter((bench) => wanted.includes(bench.name))

const log = (message: string) => process.stderr.write(`· ${message}\n`)
const started = Date.now()
const loadBefore = loadavg()[0]!
log(`${values.smoke ? 'smoke subset' : 'benchmarks'}: ${selected.map((bench) => bench.name).join(', ')}`)
if (loadBefore > 1) log(`the machine is busy (load average ${loadBefore.toFixed(1)} on ${cpus().length} cores): expect noisy figures`)

const servers: StaticServer[] = []
let browser: Browser | undefined
const figures: Figure[] = []
try {
  let site: Site | undefined
  if (selected.some((bench) => bench.browser)) {
    log('building the app and the benchmark pages')
    const app = await buildApp()
    const pages = await buildBenchPages()
    const appServer = await startStaticServer({ root: app.outDir, prefix: APP_PREFIX })
    const pageServer = await startStaticServer({ root: pages.outDir, prefix: '/bench/' })
    servers.push(appServer, pageServer)
    const probe = pages.manifest['probe.ts']
    const coldStartInit = pages.manifest['cold-start-init.ts']
    if (!probe || !coldStartInit) throw new Error('The bench build has no probe.ts or cold-start-init.ts entry')
    site = {
      appUrl: appServer.url,
      naiveUrl: `${pageServer.url}naive.html`,
      harnessUrl: `${pageServer.url}harness.html`,
      coldBaselineUrl: `${pageServer.url}cold-baseline.html`,
      probeSource: await readFile(join(pages.outDir, probe.file), 'utf8'),
      coldStartInitSource: await readFile(join(pages.outDir, coldStartInit.file), 'utf8'),
    }
    browser = await launchChromium()
    log(`Chromium ${browser.version()}`)
  }
  for (const bench of selected) {
    log(`— ${bench.name}: ${bench.description}`)
    const context: BenchContext = { browser: browser!, site: site!, smoke: values.smoke, log }
    figures.push(...(await bench.run(context)))
  }
} finally {
  await browser?.close()
  for (const server of servers) await server.close()
}

const durationSeconds = Math.round((Date.now() - started) / 1_000)
const info = {
  date: new Date().toISOString(),
  command: values.smoke ? 'npm run bench:smoke' : values.only ? `npm run bench -- --only=${values.only}` : 'npm run bench',
  machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osName()}, Node ${process.versions.node}`,
  chromium: browser?.version(),
  node: process.versions.node,
  durationSeconds,
  loadAverage: { before: round(loadBefore), after: round(loadavg()[0]!) },
}
await writeResults(values.out, info, figures)

const misses = figures.filter((f) => f.met === false)
console.log(`${info.machine}${info.chromium ? `, Chromium ${info.chromium}` : ''}; ${info.date.slice(0, 10)}; \`${info.command}\`${values.smoke ? ' (targets 2× looser)' : ''}`)
console.log('')
console.log(table(figures))
console.log('')
console.log(notes(figures))
console.log('')
console.log(`${figures.length} figures, ${misses.length} missed; ${durationSeconds} s; load average ${info.loadAverage.before} → ${info.loadAverage.after}; results in ${values.out}`)
if (values.smoke && misses.length > 0) {
  console.error(`Smoke check failed: ${misses.map((f) => f.name).join('; ')}`)
  process.exitCode = 1
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? process.platform
  } catch {
    return process.platform
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
