// The panel's stylesheet, rendered by React 19 as a hoisted, de-duplicated <style> (see
// EmulatorPanel): a package consumer needs no CSS loader and no import of a stylesheet. Every rule
// is scoped under .emu-panel, so nothing here reaches the host app's elements.
export const PANEL_CSS: string = `
/*
 * The emulator's developer panel. Every rule is scoped under .emu-panel so the demo's own
 * styles and these never meet; colors are custom properties that follow the system theme.
 */
.emu-panel {
  --emu-bg: #ffffff;
  --emu-bg-subtle: #f6f7f9;
  --emu-bg-inset: #eef0f3;
  --emu-fg: #1c2024;
  --emu-fg-muted: #5d6470;
  --emu-border: #d9dde3;
  --emu-accent: #3b5bdb;
  --emu-accent-fg: #ffffff;
  --emu-accent-soft: #e7ecff;
  --emu-danger: #c92a2a;
  --emu-danger-soft: #fff0f0;
  --emu-ok: #1e7032;
  --emu-warn: #9c4f00;
  --emu-focus: #3b5bdb;
  --emu-shadow: 0 8px 28px rgb(16 24 40 / 0.18);
  --emu-mono: ui-monospace, 'SFMono-Regular', 'Cascadia Code', Menlo, Consolas, monospace;
  --emu-sans: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;

  color-scheme: light;
  position: fixed;
  z-index: 2147483000;
  right: 12px;
  bottom: 12px;
  font: 13px/1.4 var(--emu-sans);
  color: var(--emu-fg);
}

@media (prefers-color-scheme: dark) {
  .emu-panel {
    --emu-bg: #17191d;
    --emu-bg-subtle: #1f2227;
    --emu-bg-inset: #2a2e35;
    --emu-fg: #e6e8eb;
    --emu-fg-muted: #9aa1ac;
    --emu-border: #363b44;
    --emu-accent: #7b93ff;
    --emu-accent-fg: #0d1020;
    --emu-accent-soft: #262d4d;
    --emu-danger: #ff8787;
    --emu-danger-soft: #3a1f22;
    --emu-ok: #69db7c;
    --emu-warn: #ffc078;
    --emu-focus: #9fb0ff;
    --emu-shadow: 0 8px 28px rgb(0 0 0 / 0.5);

    color-scheme: dark;
  }
}

.emu-panel *,
.emu-panel *::before,
.emu-panel *::after {
  box-sizing: border-box;
}

/* Open: a full-height drawer on the right; phones get the whole width but can collapse it. */
.emu-panel[data-open='true'] {
  top: 0;
  right: 0;
  bottom: 0;
  width: min(440px, 100vw);
  display: flex;
  flex-direction: column;
  background: var(--emu-bg);
  border-left: 1px solid var(--emu-border);
  box-shadow: var(--emu-shadow);
}

.emu-header {
  display: flex;
  align-items: center;
  gap: 8px;
}

.emu-panel[data-open='true'] .emu-header {
  padding: 8px 10px;
  border-bottom: 1px solid var(--emu-border);
  background: var(--emu-bg-subtle);
}

.emu-toggle {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  padding: 7px 12px;
  border: 1px solid var(--emu-border);
  border-radius: 999px;
  background: var(--emu-bg);
  color: var(--emu-fg);
  font: 600 13px/1 var(--emu-sans);
  cursor: pointer;
  box-shadow: var(--emu-shadow);
}

.emu-panel[data-open='true'] .emu-toggle {
  box-shadow: none;
}

.emu-toggle:hover {
  border-color: var(--emu-accent);
}

.emu-toggle-icon {
  font-family: var(--emu-mono);
  color: var(--emu-accent);
}

.emu-body {
  flex: 1;
  min-height: 0;
}

.emu-body[hidden] {
  display: none;
}

.emu-scroll {
  /* Rows of the frame log reflow on the drawer's width, not the page's. */
  container-type: inline-size;
  height: 100%;
  overflow-y: auto;
  overscroll-behavior: contain;
  padding: 8px 10px 24px;
}

.emu-summary {
  margin: 2px 0 8px;
  color: var(--emu-fg-muted);
  font-size: 12px;
}

.emu-where {
  margin: 0 0 8px;
  padding: 6px 8px;
  border-radius: 6px;
  background: var(--emu-bg-subtle);
  border: 1px solid var(--emu-border);
  color: var(--emu-fg-muted);
  font-size: 12px;
  overflow-wrap: anywhere;
}

/* Sections */
.emu-section {
  border: 1px solid var(--emu-border);
  border-radius: 8px;
  background: var(--emu-bg);
  margin-bottom: 8px;
}

.emu-section > summary {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 8px 10px;
  cursor: pointer;
  font-weight: 600;
  list-style: none;
  border-radius: 8px;
}

.emu-section > summary::-webkit-details-marker {
  display: none;
}

.emu-section > summary::before {
  content: '▸';
  color: var(--emu-fg-muted);
  transition: transform 120ms ease;
}

.emu-section[open] > summary::before {
  transform: rotate(90deg);
}

.emu-section[open] > summary {
  border-bottom: 1px solid var(--emu-border);
  border-radius: 8px 8px 0 0;
  background: var(--emu-bg-subtle);
}

.emu-section-title {
  flex: 1;
}

.emu-count {
  min-width: 22px;
  padding: 1px 7px;
  border-radius: 999px;
  background: var(--emu-bg-inset);
  color: var(--emu-fg-muted);
  font: 600 11px/1.5 var(--emu-mono);
  text-align: center;
}

.emu-section-body {
  padding: 8px 10px 10px;
}

.emu-subsection h3 {
  margin: 10px 0 4px;
  font-size: 12px;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: var(--emu-fg-muted);
}

/* Cards and fields */
.emu-card {
  border: 1px solid var(--emu-border);
  border-radius: 6px;
  padding: 8px;
  margin-bottom: 8px;
  background: var(--emu-bg-subtle);
}

.emu-card-header {
  display: flex;
  justify-content: space-between;
  gap: 8px;
}

.emu-arn {
  display: block;
  margin: 2px 0 6px;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  color: var(--emu-fg-muted);
  font: 11px/1.4 var(--emu-mono);
}

.emu-grid {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
  gap: 0 10px;
}

.emu-fieldset {
  margin: 0 0 10px;
  padding: 6px 8px 8px;
  border: 1px solid var(--emu-border);
  border-radius: 6px;
}

.emu-fieldset legend {
  padding: 0 4px;
  font-weight: 600;
}

.emu-field {
  display: flex;
  flex-direction: column;
  gap: 2px;
  margin-bottom: 6px;
}

.emu-field label {
  font-size: 12px;
  font-weight: 600;
}

.emu-panel input[type='number'],
.emu-panel input[type='text'],
.emu-panel select {
  width: 100%;
  min-height: 28px;
  padding: 3px 7px;
  border: 1px solid var(--emu-border);
  border-radius: 5px;
  background: var(--emu-bg);
  color: var(--emu-fg);
  font: 13px/1.3 var(--emu-sans);
}

.emu-panel input[aria-invalid='true'] {
  border-color: var(--emu-danger);
  background: var(--emu-danger-soft);
}

.emu-hint {
  margin: 2px 0 4px;
  color: var(--emu-fg-muted);
  font-size: 11.5px;
}

.emu-error {
  margin: 0;
  color: var(--emu-danger);
  font-size: 12px;
  font-weight: 600;
}

.emu-status {
  display: block;
  color: var(--emu-fg-muted);
  font-size: 12px;
}

.emu-empty {
  margin: 4px 0;
  color: var(--emu-fg-muted);
  font-style: italic;
}

.emu-muted {
  color: var(--emu-fg-muted);
}

/* A short count beside the buttons it sets up. */
.emu-inline {
  display: flex;
  flex-wrap: wrap;
  align-items: flex-end;
  gap: 0 10px;
}

.emu-inline .emu-actions {
  margin: 0 0 6px;
}

.emu-panel .emu-field-narrow input[type='number'] {
  width: 7em;
}

/* Buttons */
.emu-actions {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px;
  margin: 4px 0;
}

.emu-button {
  padding: 4px 10px;
  min-height: 28px;
  border: 1px solid var(--emu-border);
  border-radius: 5px;
  background: var(--emu-bg);
  color: var(--emu-fg);
  font: 600 12px/1.2 var(--emu-sans);
  cursor: pointer;
}

.emu-button:hover:not(:disabled) {
  border-color: var(--emu-accent);
  background: var(--emu-accent-soft);
}

.emu-button:disabled {
  opacity: 0.5;
  cursor: not-allowed;
}

.emu-button[aria-pressed='true'] {
  background: var(--emu-accent-soft);
  border-color: var(--emu-accent);
  color: var(--emu-accent);
}

.emu-primary {
  border-color: var(--emu-accent);
  background: var(--emu-accent);
  color: var(--emu-accent-fg);
}

.emu-primary:hover:not(:disabled) {
  filter: brightness(1.08);
  background: var(--emu-accent);
}

.emu-danger {
  border-color: var(--emu-danger);
  color: var(--emu-danger);
}

.emu-danger:hover:not(:disabled) {
  background: var(--emu-danger-soft);
  border-color: var(--emu-danger);
}

.emu-panel :focus-visible {
  outline: 2px solid var(--emu-focus);
  outline-offset: 2px;
}

/* Switch: a checkbox drawn as a track and thumb. */
.emu-switch-row {
  display: flex;
  align-items: center;
  gap: 8px;
  font-weight: 600;
}

.emu-switch {
  appearance: none;
  position: relative;
  width: 34px;
  height: 20px;
  margin: 0;
  border-radius: 999px;
  background: var(--emu-bg-inset);
  border: 1px solid var(--emu-border);
  cursor: pointer;
  transition: background 120ms ease;
}

.emu-switch::after {
  content: '';
  position: absolute;
  top: 2px;
  left: 2px;
  width: 14px;
  height: 14px;
  border-radius: 50%;
  background: var(--emu-fg-muted);
  transition: transform 120ms ease;
}

.emu-switch:checked {
  background: var(--emu-accent);
  border-color: var(--emu-accent);
}

.emu-switch:checked::after {
  transform: translateX(14px);
  background: var(--emu-accent-fg);
}

.emu-switch:disabled {
  opacity: 0.5;
  cursor: not-allowed;
}

/* Lists and rows */
.emu-list {
  list-style: none;
  margin: 0;
  padding: 0;
}

.emu-row {
  padding: 6px 0;
  border-bottom: 1px solid var(--emu-border);
}

.emu-row:last-child {
  border-bottom: 0;
}

.emu-row-main {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px;
}

.emu-user {
  display: inline-flex;
  align-items: center;
  gap: 5px;
  font-weight: 600;
  font-family: var(--emu-mono);
}

.emu-swatch {
  width: 10px;
  height: 10px;
  border-radius: 50%;
  box-shadow: 0 0 0 1px var(--emu-border);
}

.emu-chip {
  padding: 0 6px;
  border-radius: 999px;
  background: var(--emu-accent-soft);
  color: var(--emu-accent);
  font-size: 11px;
  font-weight: 600;
}

.emu-inline-list {
  display: flex;
  flex-wrap: wrap;
  gap: 4px 12px;
  margin-top: 4px;
}

.emu-facts {
  display: flex;
  flex-wrap: wrap;
  gap: 2px 14px;
  margin: 4px 0;
}

.emu-facts div {
  display: flex;
  gap: 4px;
}

.emu-facts dt {
  color: var(--emu-fg-muted);
}

.emu-facts dd {
  margin: 0;
  font-family: var(--emu-mono);
  font-variant-numeric: tabular-nums;
}

.emu-clock {
  display: flex;
  align-items: center;
  gap: 6px;
  margin: 0 0 6px;
}

.emu-clock strong {
  font-family: var(--emu-mono);
  font-variant-numeric: tabular-nums;
}

/* Tokens table */
.emu-table-wrap {
  max-height: 220px;
  overflow: auto;
  border: 1px solid var(--emu-border);
  border-radius: 6px;
}

.emu-table {
  width: 100%;
  border-collapse: collapse;
  font-size: 12px;
}

.emu-table th,
.emu-table td {
  padding: 4px 6px;
  text-align: left;
  white-space: nowrap;
  border-bottom: 1px solid var(--emu-border);
}

.emu-table thead th {
  position: sticky;
  top: 0;
  background: var(--emu-bg-subtle);
  color: var(--emu-fg-muted);
  font-weight: 600;
}

.emu-table tbody th {
  font-family: var(--emu-mono);
  font-weight: 600;
}

.emu-state {
  padding: 0 6px;
  border-radius: 999px;
  font-weight: 600;
}

.emu-state-unused {
  color: var(--emu-ok);
}

.emu-state-used {
  color: var(--emu-fg-muted);
}

.emu-state-expired {
  color: var(--emu-warn);
}

/* Frame log */
.emu-toolbar {
  display: flex;
  flex-wrap: wrap;
  align-items: flex-end;
  gap: 6px 8px;
}

.emu-toolbar .emu-field {
  flex: 1;
  min-width: 160px;
}

.emu-frame-log {
  max-height: 300px;
  overflow: auto;
  border: 1px solid var(--emu-border);
  border-radius: 6px;
  background: var(--emu-bg-inset);
}

.emu-frames {
  list-style: none;
  margin: 0;
  padding: 0;
  font: 11.5px/1.35 var(--emu-mono);
}

.emu-frame {
  display: grid;
  grid-template-columns: auto 3.2em minmax(3em, 8em) 1fr;
  gap: 6px;
  padding: 2px 6px;
  border-bottom: 1px solid var(--emu-border);
}

.emu-frame-time {
  color: var(--emu-fg-muted);
  font-variant-numeric: tabular-nums;
}

.emu-frame-dir {
  font-weight: 700;
}

.emu-frame-in .emu-frame-dir {
  color: var(--emu-accent);
}

.emu-frame-out .emu-frame-dir {
  color: var(--emu-ok);
}

.emu-frame-event .emu-frame-dir {
  color: var(--emu-warn);
}

.emu-frame-error .emu-frame-text {
  color: var(--emu-danger);
}

.emu-frame-user {
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.emu-frame-text {
  overflow-wrap: anywhere;
}

/* In a phone-wide drawer the frame's text takes its own line under time, direction and user. */
@container (max-width: 420px) {
  .emu-frame {
    grid-template-columns: auto auto 1fr;
  }

  .emu-frame-text {
    grid-column: 1 / -1;
  }
}

.emu-visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}

@media (prefers-reduced-motion: reduce) {
  .emu-panel * {
    transition: none !important;
  }
}

/* On a wide screen the open drawer sits beside the page instead of over it: the chat's header
   (countdowns, Leave) stays visible while the panel is used. */
@media (min-width: 1100px) {
  body:has(.emu-panel[data-open='true']) {
    padding-right: min(440px, 100vw);
  }
}

/* The closed toggle floats over the page's bottom edge: leave room for it so it never covers
   the composer or a form's last field. */
body:has(.emu-panel[data-open='false']) {
  padding-bottom: 52px;
}
`
