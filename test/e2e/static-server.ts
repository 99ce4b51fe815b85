import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'

/**
 * A plain static file server for the browser tests, with no dependency: it serves a folder
 * (the built `dist/`) under a path prefix, as GitHub Pages or any CDN would, and nothing
 * else. No SPA fallback, no `Service-Worker-Allowed`, no rewriting: if the build needs more
 * than a dumb file server to work from a sub-path, the tests must see it fail.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

export interface StaticServerOptions {
  /** The folder to serve. */
  root: string
  /** Where the folder appears on the site: `/` or `/some/sub/path/` (leading and trailing slash). */
  prefix?: string
  /** 0 (the default) picks a free port. */
  port?: number
}

export interface ServedRequest {
  method: string
  /** The path as requested, with its query. */
  url: string
  status: number
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** The origin plus the prefix: where `index.html` is. */
  url: string
  /** Every request served, in order. */
  readonly requests: readonly ServedRequest[]
  close(): Promise<void>
}

/** Starts serving `root` under `prefix` on 127.0.0.1. */
export async function startStaticServer({ root, prefix = '/', port = 0 }: StaticServerOptions): Promise<StaticServer> {
  if (!/^\/(?:[^/]+\/)*$/.test(prefix)) throw new Error(`prefix must start and end with "/", got ${JSON.stringify(prefix)}`)
  const base = resolve(root)
  const requests: ServedRequest[] = []

  const server = createServer((request, response) => {
    const method = request.method ?? 'GET'
    const url = request.url ?? '/'
    const finish = (status: number, headers: Record<string, string> = {}, body?: Buffer | string) => {
      requests.push({ method, url, status })
      response.writeHead(status, { 'Cache-Control': 'no-cache', ...headers })
      response.end(method === 'HEAD' ? undefined : body)
    }
    const answer = async () => {
      if (method !== 'GET' && method !== 'HEAD') return finish(405, { Allow: 'GET, HEAD' })
      const pathname = url.split('?')[0]!.split('#')[0]!
      // `/some/sub/path` without its slash: relative URLs would resolve one level up.
      if (`${pathname}/` === prefix) return finish(301, { Location: prefix })
      if (!pathname.startsWith(prefix)) return finish(404, { 'Content-Type': 'text/plain' }, 'Not found')
      let relative: string
      try {
        relative = decodeURIComponent(pathname.slice(prefix.length))
      } catch {
        return finish(400, { 'Content-Type': 'text/plain' }, 'Bad path')
      }
      let file = resolve(join(base, relative))
      if (file !== base && !file.startsWith(base + sep)) return finish(403, { 'Content-Type': 'text/plain' }, 'Forbidden')
      const info = await stat(file).catch(() => undefined)
      if (info?.isDirectory()) file = join(file, 'index.html')
      const body = await readFile(file).catch(() => undefined)
      if (!body) return finish(404, { 'Content-Type': 'text/plain' }, 'Not found')
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
      return finish(200, { 'Content-Type': type, 'Content-Length': String(body.length) }, body)
    }
    answer().catch((error: unknown) => finish(500, { 'Content-Type': 'text/plain' }, String(error)))
  })

  await new Promise<void>((ready, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => ready())
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    url: `${origin}${prefix}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
