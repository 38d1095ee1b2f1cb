'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { type Correction, parseState } from '@/lib/state/parse';
import { type Schema, type StateOf, defaultState } from '@/lib/state/schema';
import { canonicalQuery } from '@/lib/state/serialize';

export interface UrlState<S extends Schema> {
  state: StateOf<S>;
  /** Merges a patch into the state; the URL follows with history.replaceState. */
  update: (patch: Partial<StateOf<S>>) => void;
  reset: () => void;
  /**
   * Replaces the whole state and adds a history entry (a guided step's preset), so Back returns
   * to the previous state; popstate re-reads the URL.
   */
  navigate: (next: StateOf<S>) => void;
  /** What the page corrected in the incoming URL (shown by CorrectionsNotice). */
  corrections: Correction[];
  dismissCorrections: () => void;
  /** embed=1 and hide=a,b (embed mode). */
  embed: boolean;
  hidden: readonly string[];
  /** False until the URL has been read (first render uses the defaults). */
  ready: boolean;
}

/**
 * Connects a lab's schema to the address bar: reads it once on mount (parseState),
 * then writes the canonical query after every change (serializeState), without adding
 * history entries.
 */
export function useUrlState<S extends Schema>(schema: S): UrlState<S> {
  const [state, setState] = useState<StateOf<S>>(() => defaultState(schema));
  const [corrections, setCorrections] = useState<Correction[]>([]);
  const [embedInfo, setEmbedInfo] = useState<{ embed: boolean; hidden: string[] }>({ embed: false, hidden: [] });
  const [ready, setReady] = useState(false);
  const schemaRef = useRef(schema);
  const embedRef = useRef(embedInfo);
  useEffect(() => {
    embedRef.current = embedInfo;
  }, [embedInfo]);

  useEffect(() => {
    const parsed = parseState(schemaRef.current, new URLSearchParams(window.location.search));
    setState(parsed.state);
    setCorrections(parsed.corrections);
    setEmbedInfo({ embed: parsed.embed, hidden: parsed.hidden });
    setReady(true);
    // Back / Forward over entries added by navigate(): the URL is the state
    const onPop = () => setState(parseState(schemaRef.current, new URLSearchParams(window.location.search)).state);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (!ready) return;
    const query = canonicalQuery(schemaRef.current, state, embedInfo);
    if (query !== window.location.search) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${query}${window.location.hash}`);
    }
  }, [state, ready, embedInfo]);

  const update = useCallback((patch: Partial<StateOf<S>>) => setState((prev) => ({ ...prev, ...patch })), []);
  const reset = useCallback(() => setState(defaultState(schemaRef.current)), []);
  const navigate = useCallback((next: StateOf<S>) => {
    const query = canonicalQuery(schemaRef.current, next, embedRef.current);
    window.history.pushState(window.history.state, '', `${window.location.pathname}${query}`);
    setState(next);
  }, []);
  const dismissCorrections = useCallback(() => setCorrections([]), []);

  return { state, update, reset, navigate, corrections, dismissCorrections, embed: embedInfo.embed, hidden: embedInfo.hidden, ready };
}

/** A value that follows `value` after `ms` of quiet: for heavy work behind a slider. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}
