// Renderer entry: mounts the app. Nothing here knows whether it runs in
// Electron or in a browser (see api/api.ts).
import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { styleNonce } from './app/style-nonce';

// MUI's styles go into <style> elements that carry the nonce the page was
// served with: the Content-Security-Policy allows those and no other inline
// style (electron/hosts/web/renderer-files.ts).
const nonce = styleNonce();
const styles = createCache({ key: 'lt', ...(nonce ? { nonce } : {}) });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CacheProvider value={styles}>
      <App />
    </CacheProvider>
  </StrictMode>,
);
