import { useState } from 'react'

/**
 * Avatar URLs that failed to load in this page. The list is virtualized: a row scrolled back
 * into view mounts again, and must not show a broken image (nor ask for it) a second time.
 */
const broken = new Set<string>()

/** The sender's avatar, or their initial when there is none or it fails to load. */
export function Avatar({ url, name }: { url: string | undefined; name: string }) {
  const [failed, setFailed] = useState(() => url !== undefined && broken.has(url))
  if (url && !failed) {
    return (
      <img
        className="avatar"
        src={url}
        alt=""
        width={32}
        height={32}
        loading="lazy"
        referrerPolicy="no-referrer"
        onError={() => {
          broken.add(url)
          setFailed(true)
        }}
      />
    )
  }
  return (
    <span className="avatar avatar-initial" aria-hidden="true">
      {initialOf(name)}
    </span>
  )
}

/** The first letter or digit of a name for its avatar placeholder (never a lone combining mark). */
export function initialOf(name: string): string {
  return /[\p{L}\p{N}]/u.exec(name)?.[0].toUpperCase() ?? '?'
}
