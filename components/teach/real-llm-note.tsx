'use client';

/**
 * "In a real LLM": a short, cited note on what changes at scale. The texts of every lab's note
 * are in lib/i18n/teach.ts (realLlm.notes); a lab mounts its own: <RealLlmNote topic="moe" />.
 */
import { useLocale } from '@/components/shell/locale-context';
import { teachMessages } from '@/lib/i18n/teach';

export type RealLlmTopic = 'attention' | 'acceleration' | 'activations' | 'pruning' | 'moe' | 'training';

export function RealLlmNote({ topic }: { topic: RealLlmTopic }) {
  const note = teachMessages[useLocale()].realLlm.notes[topic];
  return (
    <aside
      className="embed-hide rounded-md border-l-4 border-sky-600 bg-sky-50 p-3 text-sm dark:bg-sky-950/40"
      data-testid={`real-llm-${topic}`}
    >
      <p className="font-semibold">{note.title}</p>
      <p className="mt-1 leading-relaxed">{note.body}</p>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{note.sources.join(' · ')}</p>
    </aside>
  );
}
