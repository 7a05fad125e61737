/**
 * Cytoscape puts one rule in a <style> element of its own the first time it
 * draws (its container is position: relative), and that element has no
 * nonce, so the page's Content-Security-Policy refuses it. Put the same
 * element there first, with the nonce: Cytoscape finds it by its id and
 * adds none.
 */
import { styleNonce } from '../app/style-nonce';

/** The id and rule Cytoscape's base renderer looks for and would add (cytoscape BRp.init). */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
const CYTOSCAPE_CONTAINER_RULE = '.__________cytoscape_container { position: relative; }';

export function provideCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const sheet = document.createElement('style');
  sheet.id = CYTOSCAPE_STYLESHEET_ID;
  const nonce = styleNonce();
  if (nonce) sheet.nonce = nonce;
  sheet.textContent = CYTOSCAPE_CONTAINER_RULE;
  // First in the head, as Cytoscape puts it: the lowest priority.
  document.head.insertBefore(sheet, document.head.firstChild);
}
