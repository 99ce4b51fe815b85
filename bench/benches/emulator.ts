import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { REPO } from '../lib/builds'
import { repetitions, targetFor, type Bench } from '../lib/context'
import { figure } from '../lib/figures'

const run = promisify(execFile)

/** The emulator's broadcast path vs MSW's bare `ws` broadcast, in Node (see emulator-node.ts). */
export const emulatorBench: Bench = {
  name: 'emulator',
  description: "the emulator's broadcast path (validate, rate-limit, fan-out) vs MSW's bare ws broadcast, 10 clients (Node, msw/node)",
  browser: false,
  async run(context) {
    const reps = repetitions(context, 5, 3)
    const messages = 10_000
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(REPO, 'bench/benches/emulator-node.ts'), `--reps=${reps}`, `--messages=${messages}`, '--clients=10'], {
      cwd: REPO,
      maxBuffer: 1 << 20,
    })
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { emulator: number[]; bare: number[]; clients: number }
    context.log(`emulator: ${result.emulator.map((r) => r.toFixed(0)).join(', ')} msgs/s vs bare ${result.bare.map((r) => r.toFixed(0)).join(', ')}`)
    return [
      figure({
        name: 'emulator: broadcast throughput',
        unit: 'msgs/s',
        runs: result.emulator,
        baseline: { name: "MSW's bare ws broadcast", runs: result.bare },
        target: targetFor(context, { of: 'ratio', op: '>=', limit: 0.25 }),
        note: `${messages.toLocaleString('en-US')} SEND_MESSAGE frames from one of ${result.clients} sockets, until every socket has every broadcast; the emulator's clock steps 10 ms per read so its rate limits check every frame and refuse none`,
      }),
    ]
  },
}
