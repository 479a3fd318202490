/** One store per concern, created together for one bridge and handed to React by context. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SwitchboardApi } from '../../../shared/api';
import { createActivityViewStore, type ActivityState, type ActivityStore } from './activityStore';
import { createApprovalsStore, type ApprovalsState, type ApprovalsStore } from './approvalsStore';
import {
  createConnectionStore,
  type ConnectionStore,
  type ConnectionStoreState,
} from './connectionStore';
import { createNoticesStore, type NoticesState, type NoticesStore } from './noticesStore';
import { createPoliciesStore, type PoliciesState, type PoliciesStore } from './policiesStore';
import { createServersStore, type ServersState, type ServersStore } from './serversStore';
import { createSettingsStore, type SettingsState, type SettingsStore } from './settingsStore';
import { createSummaryStore, type SummaryState, type SummaryStore } from './summaryStore';
import { createTokensStore, type TokensState, type TokensStore } from './tokensStore';

export interface Stores {
  api: SwitchboardApi;
  activity: ActivityStore;
  connection: ConnectionStore;
  summary: SummaryStore;
  servers: ServersStore;
  tokens: TokensStore;
  policies: PoliciesStore;
  settings: SettingsStore;
  notices: NoticesStore;
  approvals: ApprovalsStore;
}

export function createStores(api: SwitchboardApi): Stores {
  return {
    api,
    activity: createActivityViewStore(api),
    connection: createConnectionStore(),
    summary: createSummaryStore(api),
    servers: createServersStore(api),
    tokens: createTokensStore(api),
    policies: createPoliciesStore(api),
    settings: createSettingsStore(api),
    notices: createNoticesStore(),
    approvals: createApprovalsStore(api),
  };
}

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() needs <StoresContext.Provider> above it.');
  return stores;
}

export const useApprovals = <T>(selector: (state: ApprovalsState) => T): T =>
  useStore(useStores().approvals, selector);
export const useActivity = <T>(selector: (state: ActivityState) => T): T =>
  useStore(useStores().activity, selector);
export const useConnection = <T>(selector: (state: ConnectionStoreState) => T): T =>
  useStore(useStores().connection, selector);
export const useSummary = <T>(selector: (state: SummaryState) => T): T =>
  useStore(useStores().summary, selector);
export const useServers = <T>(selector: (state: ServersState) => T): T =>
  useStore(useStores().servers, selector);
export const useTokens = <T>(selector: (state: TokensState) => T): T =>
  useStore(useStores().tokens, selector);
export const usePolicies = <T>(selector: (state: PoliciesState) => T): T =>
  useStore(useStores().policies, selector);
export const useSettings = <T>(selector: (state: SettingsState) => T): T =>
  useStore(useStores().settings, selector);
export const useNotices = <T>(selector: (state: NoticesState) => T): T =>
  useStore(useStores().notices, selector);
