/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_IVSCHAT_MOCKS?: 'on' | 'off'
  readonly VITE_IVSCHAT_REGION?: string
  readonly VITE_IVSCHAT_TOKEN_ENDPOINT?: string
  readonly VITE_IVSCHAT_SOCKET_URL?: string
  readonly VITE_IVSCHAT_CONTROL_PLANE_URL?: string
  readonly VITE_IVSCHAT_ROOM_ARN?: string
  readonly VITE_IVSCHAT_DEBUG?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
