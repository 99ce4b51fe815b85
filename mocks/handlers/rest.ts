import { http, HttpResponse } from 'msw'
import type { Emulator } from '../emulator/emulator.ts'
import { answerRestCall } from '../emulator/rest-protocol.ts'
import { regionOfHost } from '../emulator/regions.ts'

/** `https://ivschat.<region>.amazonaws.com/...`, any region. */
export function isControlPlaneUrl(url: URL): boolean {
  return url.protocol === 'https:' && /^ivschat\.[a-z0-9-]+\.amazonaws\.com$/.test(url.hostname)
}

/** The control plane (restJson1) as an MSW handler: a thin adapter over `answerRestCall`. */
export function restHandler(emulator: Emulator) {
  return http.all(
    ({ request }) => isControlPlaneUrl(new URL(request.url)),
    async ({ request }) => {
      const url = new URL(request.url)
      const answer = await answerRestCall(emulator, {
        method: request.method,
        operation: operationOf(url),
        body: await request.text(),
        query: url.search.slice(1),
        region: regionOfHost(url.hostname, emulator.settings.defaultRegion),
      })
      return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers })
    },
  )
}

/** The operation a path names. A path that is not valid percent-encoding names none: an unknown operation, not a crash. */
function operationOf(url: URL): string {
  const path = url.pathname.slice(1)
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
