export { createLivePersonClient } from './client';
export type { HttpOptions } from './http';
export type * from './types';
