import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>IVS Chat emulator demo</h1>
    </main>
  </StrictMode>,
)
