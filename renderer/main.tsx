// Renderer entry: mounts the app. Nothing here knows whether it runs in
// Electron or in a browser (see api/api.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
