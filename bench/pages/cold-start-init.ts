/**
 * Added by the cold-start benchmark to the app's page before any of the page's own scripts
 * (an init script, so it must import nothing): it times the first CreateChatToken the app makes,
 * and joins as a person would who clicks Join the moment it is enabled. In the page, so that no
 * round trip to the runner is counted. Times are ms from navigation start (`performance.now()`).
 */

/** What the page records on its cold start. */
export interface ColdStartMarks {
  /** The join form's button became enabled: the emulator answers from here on. */
  joinEnabled?: number
  /** The first CreateChatToken's response arrived (its fetch resolved). */
  tokenAnswered?: number
  /** The page registered its service worker (MSW's `worker.start()` began). */
  workerRegistered?: number
  /** The service worker reached `activated`. */
  workerActivated?: number
  /** The page's service worker took control (MSW's worker activated and claimed the page). */
  workerControlling?: number
}

const USER_ID = 'cold-start'
const marks: ColdStartMarks = {}
Object.assign(window, { benchColdStart: marks })

const originalFetch = window.fetch
window.fetch = async (...args: Parameters<typeof fetch>) => {
  const response = await originalFetch(...args)
  const url = args[0] instanceof Request ? args[0].url : String(args[0])
  if (url.endsWith('/CreateChatToken') && marks.tokenAnswered === undefined) marks.tokenAnswered = performance.now()
  return response
}

const container = navigator.serviceWorker
if (container) {
  const register = container.register.bind(container)
  container.register = async (...args: Parameters<ServiceWorkerContainer['register']>) => {
    marks.workerRegistered ??= performance.now()
    const registration = await register(...args)
    const worker = registration.installing ?? registration.waiting
    if (registration.active?.state === 'activated') marks.workerActivated ??= performance.now()
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'activated') marks.workerActivated ??= performance.now()
    })
    return registration
  }
}
navigator.serviceWorker?.addEventListener('controllerchange', () => {
  marks.workerControlling ??= performance.now()
})

let filled = false
const observer = new MutationObserver(() => {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'User ID')
  const input = label?.control
  if (!filled && input instanceof HTMLInputElement) {
    // React tracks the value through the element's own setter: set it as typing would.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, USER_ID)
    input.dispatchEvent(new Event('input', { bubbles: true }))
    filled = true
  }
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Join')
  if (filled && button && !button.disabled) {
    marks.joinEnabled = performance.now()
    observer.disconnect()
    button.click()
  }
})
observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] })
