/**
 * XSS and spoofing payloads for the browser test of the chat's rendering
 * (hostile-content.e2e.test.ts), kept apart so that SECURITY.md can count them.
 *
 * Every payload that could run script tries to set `top.__pwned` (a trap the test installs
 * before the page loads); some also call `alert`. A message's content starts with its case's
 * marker (`[h01] `), which is how the test finds its row.
 */

/** The classes of SECURITY.md's "Rendering (app side)" table. */
export type HostileClass = 'html' | 'url' | 'avatar' | 'color' | 'bidi' | 'invisible' | 'combining' | 'long' | 'badge' | 'reason'

/**
 * How a message reaches the room:
 * - `token`: a token minted over REST (CreateChatToken) with `sender` as its attributes, then a
 *   raw WebSocket in the page sends `content` and `messageAttributes` in a SEND_MESSAGE frame:
 *   through every check the service makes (1 KB of attributes, 500 code points of content);
 * - `inject`: `emulator.chat.injectMessage`, for what no AWS limit would let through (a 20 KB
 *   display name, 10,000 combining marks of content): the app must not rely on those limits.
 */
export type Channel = 'token' | 'inject'

export interface HostileMessage {
  /** The marker: unique, and the start of the content. */
  id: string
  class: HostileClass
  what: string
  channel: Channel
  /** Defaults to `hostile-<id>`. */
  userId?: string
  /** Sender attributes: the token's, or those injected. */
  sender?: Record<string, string>
  /** After the marker; the case's `what` when not given. */
  content?: string
  /** SEND_MESSAGE `Attributes` (or injectMessage's). The app shows none of them. */
  messageAttributes?: Record<string, string>
}

const trap = (id: string) => `top.__pwned='${id}'`
const marks = (count: number) => Array.from({ length: count }, (_, i) => String.fromCodePoint(0x300 + (i % 0x70))).join('')

/** Messages from other participants. */
export const HOSTILE_MESSAGES: HostileMessage[] = [
  // HTML and script in content, names and message attributes.
  { id: 'h01', class: 'html', what: 'img onerror in content', channel: 'token', content: `<img src=x onerror="${trap('h01')};alert('h01')">` },
  { id: 'h02', class: 'html', what: 'script element in content', channel: 'token', content: `<script>${trap('h02')}</script>` },
  { id: 'h03', class: 'html', what: 'svg onload in content', channel: 'token', content: `<svg onload="${trap('h03')}"><circle r=40 /></svg>` },
  { id: 'h04', class: 'html', what: 'iframe srcdoc in content', channel: 'token', content: `<iframe srcdoc="<script>parent.__pwned='h04'</script>"></iframe>` },
  { id: 'h05', class: 'html', what: 'a href=javascript: in content', channel: 'token', content: `<a href="javascript:${trap('h05')}">click me</a>` },
  { id: 'h06', class: 'html', what: 'attribute breakout', channel: 'token', content: `"><img src=x onerror=${trap('h06')}>` },
  { id: 'h07', class: 'html', what: 'closing our paragraph', channel: 'token', content: `</p></li></ol><img src=x onerror=${trap('h07')}><p>` },
  { id: 'h08', class: 'html', what: 'mutation XSS (math/mglyph/style)', channel: 'token', content: `<math><mtext><table><mglyph><style><img src=x onerror=${trap('h08')}>` },
  { id: 'h09', class: 'html', what: 'details ontoggle', channel: 'token', content: `<details open ontoggle="${trap('h09')}">x</details>` },
  { id: 'h10', class: 'html', what: 'object and embed', channel: 'token', content: `<object data="javascript:${trap('h10')}"></object><embed src="javascript:${trap('h10')}">` },
  { id: 'h11', class: 'html', what: 'base href and meta refresh', channel: 'token', content: `<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:${trap('h11')}">` },
  { id: 'h12', class: 'html', what: 'style element loading a URL', channel: 'token', content: '<style>*{background:url(https://evil.example/h12)}</style>' },
  { id: 'h13', class: 'html', what: 'template injection', channel: 'token', content: `{{constructor.constructor("${trap('h13')}")()}} \${${trap('h13')}}` },
  { id: 'h14', class: 'html', what: 'noscript title mutation XSS', channel: 'token', content: `<noscript><p title="</noscript><img src=x onerror=${trap('h14')}>">` },
  { id: 'h15', class: 'html', what: 'entity-encoded markup (double decoding)', channel: 'token', content: `&lt;img src=x onerror=${trap('h15')}&gt;` },
  { id: 'h16', class: 'html', what: 'img onerror as the display name', channel: 'token', sender: { displayName: `<img src=x onerror="${trap('h16')}">` } },
  {
    id: 'h17',
    class: 'html',
    what: 'user id of HTML, no display name (the name falls back to it)',
    channel: 'token',
    userId: `<svg onload=${trap('h17')}>`,
  },
  {
    id: 'h18',
    class: 'html',
    what: 'message attributes named after React props, holding HTML',
    channel: 'token',
    messageAttributes: {
      dangerouslySetInnerHTML: `<img src=x onerror=${trap('h18')}>`,
      __html: `<script>${trap('h18')}</script>`,
      style: 'background:url(https://evil.example/h18)',
      href: `javascript:${trap('h18')}`,
      displayName: `<img src=x onerror=${trap('h18')}>`,
    },
  },
  {
    id: 'h19',
    class: 'html',
    what: 'sender attributes named after React props',
    channel: 'token',
    sender: { displayName: 'Props', dangerouslySetInnerHTML: `<img src=x onerror=${trap('h19')}>`, style: 'position:fixed;inset:0', className: 'new-messages' },
  },

  // javascript: and data: URLs in content: text, never a link.
  { id: 'u01', class: 'url', what: 'javascript:', channel: 'token', content: `javascript:${trap('u01')}` },
  { id: 'u02', class: 'url', what: 'JaVaScRiPt: (mixed case)', channel: 'token', content: `JaVaScRiPt:${trap('u02')}` },
  { id: 'u03', class: 'url', what: 'java<TAB>script:', channel: 'token', content: `java\tscript:${trap('u03')}` },
  { id: 'u04', class: 'url', what: '&#106;avascript: (entity)', channel: 'token', content: `&#106;avascript:${trap('u04')}` },
  { id: 'u05', class: 'url', what: 'javascript&colon; and jav&#x09;ascript:', channel: 'token', content: `javascript&colon;${trap('u05')} jav&#x09;ascript:${trap('u05')}` },
  { id: 'u06', class: 'url', what: 'leading control character', channel: 'token', content: `\u0001javascript:${trap('u06')}` },
  { id: 'u07', class: 'url', what: 'markdown link to javascript:', channel: 'token', content: `[click](javascript:${trap('u07')})` },
  { id: 'u08', class: 'url', what: 'data:text/html', channel: 'token', content: `data:text/html,<script>${trap('u08')}</script>` },
  { id: 'u09', class: 'url', what: 'data:text/html;base64', channel: 'token', content: `data:text/html;base64,${btoa(`<script>${trap('u09')}</script>`)}` },
  { id: 'u10', class: 'url', what: 'vbscript: and file:', channel: 'token', content: 'vbscript:msgbox(1) file:///etc/passwd' },
  { id: 'u11', class: 'url', what: 'quote breaking out of a linked href', channel: 'token', content: `https://example.com/"onmouseover="${trap('u11')}` },
  { id: 'u12', class: 'url', what: 'http URL whose userinfo is javascript:', channel: 'token', content: `http://javascript:${trap('u12')}@example.com/` },
  { id: 'u13', class: 'url', what: 'javascript: in a message attribute', channel: 'token', messageAttributes: { link: `javascript:${trap('u13')}`, url: `data:text/html,<script>${trap('u13')}</script>` } },

  // Avatars: only an https URL without credentials is ever an <img>.
  { id: 'a01', class: 'avatar', what: 'javascript: avatar', channel: 'token', sender: { displayName: 'Avatar 1', avatar: `javascript:${trap('a01')}` } },
  { id: 'a02', class: 'avatar', what: 'JaVaScRiPt: avatar', channel: 'token', sender: { displayName: 'Avatar 2', avatar: `JaVaScRiPt:${trap('a02')}` } },
  { id: 'a03', class: 'avatar', what: 'java<TAB>script: avatar', channel: 'token', sender: { displayName: 'Avatar 3', avatar: `java\tscript:${trap('a03')}` } },
  { id: 'a04', class: 'avatar', what: '&#106;avascript: avatar', channel: 'token', sender: { displayName: 'Avatar 4', avatar: `&#106;avascript:${trap('a04')}` } },
  { id: 'a05', class: 'avatar', what: 'http:// avatar', channel: 'token', sender: { displayName: 'Avatar 5', avatar: 'http://evil.example/a05.png' } },
  {
    id: 'a06',
    class: 'avatar',
    what: 'data:image/svg+xml avatar with onload',
    channel: 'token',
    sender: { displayName: 'Avatar 6', avatar: `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${trap('a06')}"/>` },
  },
  {
    id: 'a07',
    class: 'avatar',
    what: 'data:image/svg+xml;base64 avatar',
    channel: 'token',
    sender: { displayName: 'Avatar 7', avatar: `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" onload="${trap('a07')}"/>`)}` },
  },
  { id: 'a08', class: 'avatar', what: 'protocol-relative avatar', channel: 'token', sender: { displayName: 'Avatar 8', avatar: '//evil.example/a08.png' } },
  { id: 'a09', class: 'avatar', what: 'https avatar with credentials', channel: 'token', sender: { displayName: 'Avatar 9', avatar: 'https://user:secret@evil.example/a09.png' } },
  { id: 'a10', class: 'avatar', what: 'https avatar whose userinfo looks like the host', channel: 'token', sender: { displayName: 'Avatar 10', avatar: 'https://trusted.example:443@evil.example/a10.png' } },
  { id: 'a11', class: 'avatar', what: 'blob: avatar', channel: 'token', sender: { displayName: 'Avatar 11', avatar: 'blob:https://evil.example/5b2c1e04' } },
  { id: 'a12', class: 'avatar', what: 'relative avatar (would load from the page’s own origin)', channel: 'token', sender: { displayName: 'Avatar 12', avatar: 'x.png' } },
  { id: 'a13', class: 'avatar', what: 'leading space and NUL before javascript:', channel: 'token', sender: { displayName: 'Avatar 13', avatar: ` \u0000javascript:${trap('a13')}` } },

  // CSS injection in colours: only #rgb, #rrggbb, rgb() and a few names, made readable.
  { id: 'c01', class: 'color', what: 'declaration injection with url()', channel: 'token', sender: { displayName: 'Color 1', color: 'red; background:url(https://evil.example/c01)' } },
  { id: 'c02', class: 'color', what: 'expression()', channel: 'token', sender: { displayName: 'Color 2', color: `expression(${trap('c02')})` } },
  { id: 'c03', class: 'color', what: 'url(javascript:)', channel: 'token', sender: { displayName: 'Color 3', color: `url(javascript:${trap('c03')})` } },
  { id: 'c04', class: 'color', what: 'var(--accent)', channel: 'token', sender: { displayName: 'Color 4', color: 'var(--accent)' } },
  { id: 'c05', class: 'color', what: 'closing the rule: #fff;}', channel: 'token', sender: { displayName: 'Color 5', color: '#fff;}' } },
  { id: 'c06', class: 'color', what: 'a new rule hiding messages', channel: 'token', sender: { displayName: 'Color 6', color: '#fff;} .message { display: none } .x {' } },
  { id: 'c07', class: 'color', what: '!important', channel: 'token', sender: { displayName: 'Color 7', color: 'red !important' } },
  { id: 'c08', class: 'color', what: 'rgb() then position:fixed', channel: 'token', sender: { displayName: 'Color 8', color: 'rgb(1, 2, 3); position: fixed; inset: 0' } },
  { id: 'c09', class: 'color', what: 'rgb() out of range', channel: 'token', sender: { displayName: 'Color 9', color: 'rgb(999, 0, 0)' } },
  { id: 'c10', class: 'color', what: 'transparent', channel: 'token', sender: { displayName: 'Color 10', color: 'transparent' } },
  { id: 'c11', class: 'color', what: 'rgba() fully transparent', channel: 'token', sender: { displayName: 'Color 11', color: 'rgba(255, 255, 255, 0)' } },
  { id: 'c12', class: 'color', what: 'currentColor and inherit', channel: 'token', sender: { displayName: 'Color 12', color: 'currentColor', badges: 'inherit' } },
  { id: 'c13', class: 'color', what: 'comment before a name', channel: 'token', sender: { displayName: 'Color 13', color: '/**/red' } },
  { id: 'c14', class: 'color', what: 'newline then a declaration', channel: 'token', sender: { displayName: 'Color 14', color: 'red\n;background:red' } },
  { id: 'c15', class: 'color', what: 'CSS escape for red', channel: 'token', sender: { displayName: 'Color 15', color: '\\72 ed' } },
  { id: 'c16', class: 'color', what: 'Cyrillic е in "red"', channel: 'token', sender: { displayName: 'Color 16', color: 'r\u0435d' } },
  { id: 'c17', class: 'color', what: 'prototype names as colours', channel: 'token', sender: { displayName: 'Color 17', color: 'constructor' } },
  { id: 'c18', class: 'color', what: 'white on the light theme', channel: 'token', sender: { displayName: 'Color 18', color: 'white' } },
  { id: 'c19', class: 'color', what: 'the hover surface’s own colour', channel: 'token', sender: { displayName: 'Color 19', color: '#f0f0f7' } },
  { id: 'c20', class: 'color', what: 'yellow', channel: 'token', sender: { displayName: 'Color 20', color: '#ff0' } },

  // Bidi controls: removed from names and badges; in content, kept to its own line, and links stay left to right.
  { id: 'b01', class: 'bidi', what: 'RLO in a name (gnp.exe)', channel: 'token', sender: { displayName: '\u202Egnp.exe' } },
  { id: 'b02', class: 'bidi', what: 'RLE, LRE, LRO, PDF in a name', channel: 'token', sender: { displayName: '\u202Bmod\u202Aera\u202Dtor\u202C' } },
  { id: 'b03', class: 'bidi', what: 'isolates in a name', channel: 'token', sender: { displayName: '\u2067evil\u2069 \u2066twin\u2068\u2069' } },
  { id: 'b04', class: 'bidi', what: 'RLM, LRM, ALM in a name', channel: 'token', sender: { displayName: '\u200Fadmin\u200E\u061C' } },
  { id: 'b05', class: 'bidi', what: 'name ending in RLO, before the badge and time', channel: 'token', sender: { displayName: 'Bob\u202E', badges: 'vip' } },
  { id: 'b06', class: 'bidi', what: 'paragraph separator then RLO in a name', channel: 'token', sender: { displayName: 'Eve\u2029\u202Elive' } },
  { id: 'b07', class: 'bidi', what: 'RLO in a badge', channel: 'token', sender: { displayName: 'Badge bidi', badges: '\u202Erotaredom' } },
  { id: 'b08', class: 'bidi', what: 'RLO in the user id, no display name', channel: 'token', userId: '\u202Enimda-b08' },
  { id: 'b09', class: 'bidi', what: 'RLO in content', channel: 'token', content: 'see the attached \u202Egnp.exe' },
  { id: 'b10', class: 'bidi', what: 'RLO inside a URL', channel: 'token', content: 'https://evil.example/\u202Emoc.elgoog' },
  { id: 'b11', class: 'bidi', what: 'RLO before a URL (a link reading "google.com…")', channel: 'token', content: '\u202Ehttps://evil.example/moc.elgoog' },
  { id: 'b12', class: 'bidi', what: '200 unterminated embeddings', channel: 'token', content: `${'\u202B\u202D'.repeat(100)}deep` },

  // Zero-width and blank characters in names: a look-alike of "admin" (user id `admin`, below).
  { id: 'i00', class: 'invisible', what: 'the real admin', channel: 'token', userId: 'admin', sender: { displayName: 'admin' } },
  { id: 'i01', class: 'invisible', what: 'ZWSP inside', channel: 'token', userId: 'ad\u200Bmin', sender: { displayName: 'ad\u200Bmin' } },
  { id: 'i02', class: 'invisible', what: 'ZWSP before, ZWJ after', channel: 'token', sender: { displayName: '\u200Badmin\u200D' } },
  { id: 'i03', class: 'invisible', what: 'word joiner and BOM', channel: 'token', sender: { displayName: 'ad\u2060min\uFEFF' } },
  { id: 'i04', class: 'invisible', what: 'Mongolian vowel separator', channel: 'token', sender: { displayName: 'a\u180Edmin' } },
  { id: 'i05', class: 'invisible', what: 'soft hyphen', channel: 'token', sender: { displayName: 'ad\u00ADmin' } },
  { id: 'i06', class: 'invisible', what: 'combining grapheme joiner', channel: 'token', sender: { displayName: 'adm\u034Fin' } },
  { id: 'i07', class: 'invisible', what: 'Hangul fillers', channel: 'token', sender: { displayName: 'admin\u3164\u115F\u1160\uFFA0' } },
  { id: 'i08', class: 'invisible', what: 'invisible operator', channel: 'token', sender: { displayName: 'ad\u2062min' } },
  { id: 'i09', class: 'invisible', what: 'tag characters', channel: 'token', sender: { displayName: 'admin\u{E0041}\u{E0064}' } },
  { id: 'i10', class: 'invisible', what: 'ZWNJ and braille blank', channel: 'token', sender: { displayName: 'ad\u200Cmin\u2800' } },
  { id: 'i11', class: 'invisible', what: 'only invisible characters (falls back to the user id)', channel: 'token', userId: 'blank-i11', sender: { displayName: '\u200B\u200C\u3164\u2800' } },

  // Combining marks (Zalgo): capped in names and badges, contained in content.
  { id: 'z01', class: 'combining', what: '10,000 marks on one letter of a name', channel: 'inject', sender: { displayName: `Z${marks(10_000)}algo` } },
  { id: 'z02', class: 'combining', what: '10,000 marks spread over a name', channel: 'inject', sender: { displayName: [...'Zalgo'].map((letter) => letter + marks(2_000)).join('') } },
  { id: 'z03', class: 'combining', what: '10,000 marks on one letter of content', channel: 'inject', content: `Z${marks(10_000)}` },
  { id: 'z04', class: 'combining', what: '100 letters of content, 100 marks each', channel: 'inject', content: Array.from({ length: 100 }, () => `e${marks(100)}`).join('') },
  { id: 'z05', class: 'combining', what: '490 marks of content, within the 500 code points', channel: 'token', content: `Z${marks(490)}` },
  { id: 'z06', class: 'combining', what: '500 marks in a name, within 1 KB', channel: 'token', sender: { displayName: `Zalgo${marks(500)}` } },
  { id: 'z08', class: 'combining', what: 'marks interleaved with zero-width non-joiners (one character)', channel: 'token', content: `Z${'\u0300\u200C'.repeat(245)}` },
  { id: 'z07', class: 'combining', what: '490 marks in a badge, within 1 KB', channel: 'token', sender: { displayName: 'Zalgo badge', badges: `vip${marks(490)}` } },

  // Very long strings: wrapped inside the row.
  { id: 'l01', class: 'long', what: '5,000 letters without a space', channel: 'inject', content: 'W'.repeat(5_000) },
  { id: 'l02', class: 'long', what: 'a 3,000-character URL', channel: 'inject', content: `https://example.com/${'a'.repeat(3_000)}` },
  { id: 'l03', class: 'long', what: '490 emoji', channel: 'token', content: '😀'.repeat(490) },
  { id: 'l04', class: 'long', what: '3,000 CJK characters', channel: 'inject', content: '字'.repeat(3_000) },
  { id: 'l05', class: 'long', what: 'letters glued by word joiners', channel: 'inject', content: 'W\u2060'.repeat(1_000) },
  { id: 'l06', class: 'long', what: 'words glued by no-break spaces', channel: 'token', content: 'nbsp\u00A0'.repeat(90) },
  { id: 'l07', class: 'long', what: '1,000-letter display name', channel: 'token', sender: { displayName: 'W'.repeat(1_000) } },
  { id: 'l08', class: 'long', what: '128-letter user id, no display name', channel: 'token', userId: 'W'.repeat(128) },
  { id: 'l09', class: 'long', what: '20,000-letter display name', channel: 'inject', sender: { displayName: 'M'.repeat(20_000) } },

  // Badges.
  { id: 'g01', class: 'badge', what: 'HTML badges', channel: 'token', sender: { displayName: 'Badges 1', badges: `<b>admin</b>,<img src=x onerror=${trap('g01')}>` } },
  { id: 'g02', class: 'badge', what: 'a 1 KB badge', channel: 'token', sender: { badges: 'B'.repeat(1_018) } },
  { id: 'g03', class: 'badge', what: 'one badge 99 times', channel: 'token', sender: { displayName: 'Badges 3', badges: 'moderator,'.repeat(99) } },
  { id: 'g04', class: 'badge', what: 'eight badges', channel: 'token', sender: { displayName: 'Badges 4', badges: 'a,b,c,d,e,f,g,h' } },
  { id: 'g05', class: 'badge', what: 'script in the `badge` key', channel: 'token', sender: { displayName: 'Badges 5', badge: `<script>${trap('g05')}</script>` } },
  { id: 'g06', class: 'badge', what: '1,000 badges of 20 KB', channel: 'inject', sender: { displayName: 'Badges 6', badges: Array.from({ length: 1_000 }, (_, i) => `b${i}${'x'.repeat(16)}`).join(',') } },
]

/**
 * Sent last, so that its row is at the bottom: I open the delete and the disconnect dialogs on
 * it (the dialog quotes the content and names the sender).
 */
export const DIALOG_MESSAGE: HostileMessage = {
  id: 'h20',
  class: 'html',
  what: 'quoted and named by the moderation dialogs',
  channel: 'token',
  sender: { displayName: `\u202E<img src=x onerror=${trap('h20')}>` },
  content: `<iframe src="javascript:${trap('h20')}"></iframe> ${'x'.repeat(200)}`,
}

/** What I type into the join panel: my own token's attributes. */
export const JOIN_ATTRIBUTES = {
  id: 'j01',
  class: 'html',
  userId: 'me-hostile',
  displayName: `<img src=x onerror=${trap('j01')}>\u202Egnp\u200B`,
  badge: `<script>${trap('j01')}</script>`,
  avatar: `javascript:${trap('j01')}`,
} as const

/** What I type into the composer: sent, and once more failed (shown in the unconfirmed list). */
export const COMPOSER_CONTENT = {
  sent: { id: 'j02', class: 'html', content: `<svg onload=${trap('j02')}>` },
  failed: { id: 'j03', class: 'html', content: `<img src=x onerror=${trap('j03')}>\u202Egnp.exe` },
} as const

/** Reasons a moderator gives: for deleting my message (typed in the dialog), and for removing me (sent by another moderator). */
export const HOSTILE_REASONS = {
  delete: { id: 'r01', class: 'reason', reason: `<img src=x onerror="${trap('r01')}">\u202Egnp.exe\u200B${marks(40)}` },
  kick: { id: 'r02', class: 'reason', reason: `<script>${trap('r02')}</script>\u202Ednuorg\u200B ${'W'.repeat(150)}` },
} as const

/** Every case, for counting: messages, my own attributes, what I type, the two reasons. */
export function corpusCounts(): Record<HostileClass, number> {
  const counts: Record<HostileClass, number> = { html: 0, url: 0, avatar: 0, color: 0, bidi: 0, invisible: 0, combining: 0, long: 0, badge: 0, reason: 0 }
  const all = [...HOSTILE_MESSAGES, DIALOG_MESSAGE, JOIN_ATTRIBUTES, COMPOSER_CONTENT.sent, COMPOSER_CONTENT.failed, HOSTILE_REASONS.delete, HOSTILE_REASONS.kick]
  for (const hostile of all) counts[hostile.class]++
  return counts
}
