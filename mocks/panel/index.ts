/**
 * `ivschat-emulator/panel`: the emulator's developer panel as a React 19 component, for your
 * own app or Storybook. Its styles are scoped under `.emu-panel` and injected by React itself:
 * no stylesheet to import, nothing that reaches your app's elements.
 *
 * @example
 * ```tsx
 * import { worker, emulator } from 'ivschat-emulator/browser'
 * import { EmulatorPanel } from 'ivschat-emulator/panel'
 *
 * await worker.start()
 * root.render(<><App /><EmulatorPanel emulator={emulator} /></>)
 * ```
 */
export { EmulatorPanel } from './emulator-panel.tsx'
