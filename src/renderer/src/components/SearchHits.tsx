/**
 * Full-text hits highlighted where the search looked: the Activity view provides the search, and
 * only text inside <Searchable> (the indexed columns: tool, arguments, response, error, reason)
 * marks its hits, so a token name that happens to contain the word is not shown as a match.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { searchTokens, type SearchTokens } from '../../../shared/fullTextSearch';

const SearchContext = createContext<SearchTokens | null>(null);
const SearchableContext = createContext(false);

export function SearchHitsProvider({
  q,
  children,
}: {
  q: string | undefined;
  children: ReactNode;
}) {
  const search = useMemo(() => (q ? searchTokens(q) : null), [q]);
  return <SearchContext.Provider value={search}>{children}</SearchContext.Provider>;
}

export function Searchable({ children }: { children: ReactNode }) {
  return <SearchableContext.Provider value={true}>{children}</SearchableContext.Provider>;
}

/** The search to highlight here, or null outside the indexed columns or without a search. */
export function useSearchHits(): SearchTokens | null {
  const searchable = useContext(SearchableContext);
  const search = useContext(SearchContext);
  return searchable ? search : null;
}
