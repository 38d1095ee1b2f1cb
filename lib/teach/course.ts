/**
 * The recommended order through the site and the links between labs (one registry, used by the
 * home page's "Start here", the next-lab link at the end of every guided path, and NextLabs).
 *
 * Order: the language models first (what the zeros are taken out of), then weight sparsity
 * (pruning), then sparsity that depends on the input (attention, mixture of experts), then the
 * question every earlier lab raises: do the zeros save time (acceleration)? Training closes the
 * course: how to reach a high sparsity without losing what pruning alone loses. This is the
 * site's existing lab order (LAB_SLUGS) with the models page in front.
 */
import { LAB_SLUGS, type LabSlug } from '../labs/slugs';

export type TeachLab = 'models' | LabSlug;

export const COURSE: readonly TeachLab[] = ['models', ...LAB_SLUGS];

/** The lab after `lab` in the course, or null after the last. */
export function nextInCourse(lab: TeachLab): TeachLab | null {
  const i = COURSE.indexOf(lab);
  return i >= 0 && i < COURSE.length - 1 ? COURSE[i + 1] : null;
}

/** A link from one lab to a panel of another: `anchor` is that panel's element id (or none). */
export interface RelatedLink {
  /** Key of the link's text in lib/i18n/teach.ts (related). */
  id: string;
  to: TeachLab;
  anchor?: string;
}

/** Related panels of other labs, per lab. */
export const RELATED: Record<TeachLab, readonly RelatedLink[]> = {
  models: [
    { id: 'modelsToPruning', to: 'pruning' },
    { id: 'modelsToMoe', to: 'moe' },
  ],
  pruning: [
    { id: 'pruningToSpeed', to: 'acceleration', anchor: 'speed-table' },
    { id: 'pruningToTraining', to: 'training', anchor: 'runs' },
  ],
  attention: [{ id: 'attentionToModels', to: 'models' }],
  moe: [
    { id: 'moeToSpeed', to: 'acceleration', anchor: 'measure' },
    { id: 'moeToModels', to: 'models', anchor: 'reading' },
  ],
  acceleration: [
    { id: 'speedToPruning', to: 'pruning' },
    { id: 'speedToMoe', to: 'moe' },
    { id: 'speedToTraining', to: 'training', anchor: 'runs' },
  ],
  training: [
    { id: 'trainingToPruning', to: 'pruning' },
    { id: 'trainingToSpeed', to: 'acceleration', anchor: 'speed-table' },
  ],
};

/** The href of a related link, e.g. /en/acceleration#speed-table. */
export function relatedHref(link: RelatedLink, locale: 'en' | 'zh'): string {
  return `/${locale}/${link.to}${link.anchor ? `#${link.anchor}` : ''}`;
}
