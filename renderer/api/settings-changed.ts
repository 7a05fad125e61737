/**
 * Settings saved on the settings page change what other mounted parts show
 * (the header's company and site): they re-ask app:info on this signal.
 */
const EVENT = 'lottrace:settings-changed';

export function announceSettingsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onSettingsChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
