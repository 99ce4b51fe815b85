import { lazy, type ComponentType, type JSX } from 'react'

/**
 * A component whose code is split off the first render but fetched at once: it renders
 * directly when its chunk has arrived by the time it is needed (the usual case), and only
 * suspends if it has not. `React.lazy` alone would suspend on first use even then, and React
 * holds a revealed fallback for a while, so the view would lag behind the state it shows.
 */
export function preloadedLazy<Props extends JSX.IntrinsicAttributes>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  let loaded: ComponentType<Props> | undefined
  const loading = load().then((component) => {
    loaded = component
    return { default: component }
  })
  const Lazy = lazy(() => loading)
  return function Preloaded(props: Props) {
    const Component = loaded ?? Lazy
    return <Component {...props} />
  }
}
