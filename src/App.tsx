/**
 * The demo's root component where the Vite react-ts template puts it, so that
 * `import App from './App'` (in a test, or in your own fork's main.tsx) finds it.
 */
export { App, App as default, type AppProps } from './app/App'
