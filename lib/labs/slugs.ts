/** The labs, in teaching order. Slugs are route names under /[locale]/ (lib/i18n/common.ts re-exports them beside the labs' names). */
export const LAB_SLUGS = ['pruning', 'attention', 'moe', 'acceleration', 'training'] as const;
export type LabSlug = (typeof LAB_SLUGS)[number];
