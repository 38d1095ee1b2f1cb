import type { Metadata } from 'next';
import { ModelsPage } from '@/components/labs/models/models-page';
import { lmMessages } from '@/lib/i18n/lm';
import { localeOf } from '@/lib/i18n/params';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: lmMessages[await localeOf(params)].title };
}

export default async function Page({ params }: Props) {
  await localeOf(params);
  return <ModelsPage />;
}
