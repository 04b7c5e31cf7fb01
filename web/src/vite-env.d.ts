/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The gateway's origin when the app is not served by it (build time), e.g. https://graph.customs.example. */
  readonly VITE_GATEWAY_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
