/**
 * Every data shape that crosses the renderer boundary, by domain. The
 * contract's calls return these; the engine returns them (importing them as
 * types only); the renderer imports them as types.
 */
export type * from './lots';
export type * from './trace';
export type * from './import';
export type * from './settings';
export type * from './watch';
export type * from './inventory';
export type * from './recall';
export type * from './errors';
export type * from './users';
export type * from './audit';
export type * from './reports';
export type * from './master-data';
export type * from './impact';
export type * from './trends';
