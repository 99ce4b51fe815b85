import { execFile, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** Whether `python3` with boto3 is installed (`.ci/run` installs it; a bare machine may not have it). */
export const hasBoto3 = spawnSync('python3', ['-c', 'import boto3']).status === 0

/** Why a Python test did not run, for its name. */
export const BOTO3_MISSING = hasBoto3 ? '' : ' (skipped: python3 with boto3 not found; apt-get install python3-boto3)'

const run = promisify(execFile)

/**
 * Runs `test/server/python/<script>` with `args` and parses the one JSON object it prints.
 * A failing script fails the test with its stderr (a Python traceback) in the message.
 */
export async function runPython<T>(script: string, args: string[]): Promise<T> {
  const path = fileURLToPath(new URL(`./python/${script}`, import.meta.url))
  try {
    const { stdout } = await run('python3', [path, ...args], { env: pythonEnvironment() })
    return JSON.parse(stdout) as T
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr
    throw new Error(`python3 ${script} failed${stderr ? `:\n${stderr}` : ''}`, { cause: error })
  }
}

/** No AWS profile, config or metadata lookups from the machine running the tests. */
function pythonEnvironment(): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')))
  return { ...inherited, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' }
}
