import type { Metadata } from 'next';
import { AboutPanel } from '@/components/labs/about-panel';
import { CachedModels } from '@/components/labs/models/cached-models';
import { common } from '@/lib/i18n/common';
import { localeOf } from '@/lib/i18n/params';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: common[await localeOf(params)].nav.about };
}

export default async function AboutPage({ params }: Props) {
  const m = common[await localeOf(params)];
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">{m.about.title}</h1>
      <p className="mt-3 max-w-3xl text-zinc-700 dark:text-zinc-300">{m.about.intro}</p>
      <div className="mt-8">
        <AboutPanel />
      </div>
      <div className="mt-10 max-w-3xl">
        <CachedModels />
      </div>
    </div>
  );
}
