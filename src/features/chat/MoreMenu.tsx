import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import { placeNextTo } from '../../lib/anchor-position'

export interface MenuAction {
  /** The action's full name: the menu item's text, and the accessible name of its button. */
  label: string
  /** What a row of buttons shows (its accessible name is still `label`). */
  short: string
  run: (trigger: HTMLElement) => void
}

/**
 * One "More" button that opens a menu of a line's actions: on a touch screen, where nothing
 * shows on hover, this replaces a row of buttons under every message. A menu button as in the
 * WAI-ARIA practices: focus moves to the first item, arrows move between items, Escape closes
 * and returns to the button, Tab, a tap elsewhere or scrolling closes.
 *
 * The menu is drawn in <body> at the button's place: inside the list it would be clipped by the
 * log and covered by the rows after it (each row is its own layer, moved by a transform).
 */
export function MoreMenu({ actions }: { actions: MenuAction[] }) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const id = useId()

  useLayoutEffect(() => {
    const element = menu.current
    if (!open || !element || !button.current) return
    const { top, left } = placeNextTo(button.current.getBoundingClientRect(), element.getBoundingClientRect(), { width: document.documentElement.clientWidth, height: window.innerHeight }, { align: 'end' })
    element.style.top = `${top}px`
    element.style.left = `${left}px`
    element.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [open])

  useEffect(() => {
    if (!open) return
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false)
    }
    // The menu stays where it was drawn: once its line moves, it closes.
    const close = () => setOpen(false)
    document.addEventListener('pointerdown', closeOutside)
    document.addEventListener('scroll', close, true)
    window.addEventListener('resize', close)
    return () => {
      document.removeEventListener('pointerdown', closeOutside)
      document.removeEventListener('scroll', close, true)
      window.removeEventListener('resize', close)
    }
  }, [open])

  function onMenuKeyDown(event: KeyboardEvent) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    const focus = (index: number) => items[(index + items.length) % items.length]?.focus()
    if (event.key === 'ArrowDown') focus(at + 1)
    else if (event.key === 'ArrowUp') focus(at - 1)
    else if (event.key === 'Home') focus(0)
    else if (event.key === 'End') focus(items.length - 1)
    else if (event.key === 'Escape') {
      setOpen(false)
      button.current?.focus()
    } else if (event.key === 'Tab') {
      setOpen(false)
      button.current?.focus()
    } else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div className="more-menu">
      <button
        ref={button}
        type="button"
        className="ghost more-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⋯</span>
        <span className="visually-hidden">More</span>
      </button>
      {open &&
        createPortal(
          // The keydown listener handles the menu's own keys (arrows, Escape) for its items; the
          // menu itself takes focus only through them.
          <div ref={menu} id={`${id}-menu`} role="menu" tabIndex={-1} aria-label="Message actions" className="menu card" onKeyDown={onMenuKeyDown}>
            {actions.map((action) => (
              <button
                key={action.label}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  setOpen(false)
                  // The menu item goes away: the dialog returns focus to the More button.
                  action.run(button.current!)
                }}
              >
                {action.label}
              </button>
            ))}
          </div>,
          document.body,
        )}
    </div>
  )
}
