/** The recall workspace's tabs and routes. */
import type { PageArea } from '../../app/routes';

export const recallArea: PageArea = { nav: [], routes: [] };
