export { createLivePersonClient } from './client';
export type { HttpOptions } from './http';
export type * from './types';
export { ACCOUNT_CONFIG_SERVICE } from './predefined-content';
export { createEngagementHistoryClient, type EngagementHistoryApi, type HistoryAddress, type HistoryLine, type HistoryPage, type HistoryRecord } from './engagement-history';
