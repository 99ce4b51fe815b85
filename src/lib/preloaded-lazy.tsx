import { lazy, type ComponentType, type JSX } from 'react'

export interface PreloadedLazy<Props> {
  Component: ComponentType<Props>
  /** Settles once the code has arrived (or failed to): wait for it before showing the component. */
  ready: Promise<void>
}

/**
 * A component whose code is split off the first render but fetched at once. Once `ready` has
 * settled it renders directly; before that it suspends. (`React.lazy` alone would suspend on
 * first use even when the chunk arrived long ago, and React holds a revealed fallback for a
 * while, so the view would lag behind the state it shows.)
 */
export function preloadedLazy<Props extends JSX.IntrinsicAttributes>(load: () => Promise<ComponentType<Props>>): PreloadedLazy<Props> {
  let loaded: ComponentType<Props> | undefined
  const loading = load().then((component) => {
    loaded = component
    return { default: component }
  })
  const Lazy = lazy(() => loading)
  return {
    Component: function Preloaded(props: Props) {
      const Component = loaded ?? Lazy
      return <Component {...props} />
    },
    ready: loading.then(
      () => undefined,
      () => undefined,
    ),
  }
}
