export { createLivePersonClient } from './client';
export type { HttpOptions } from './http';
export type * from './types';
export { createEngagementHistoryClient, type EngagementHistoryApi, type HistoryAddress, type HistoryLine, type HistoryPage, type HistoryRecord } from './engagement-history';
