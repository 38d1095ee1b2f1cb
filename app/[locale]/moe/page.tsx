import type { Metadata } from 'next';
import { MoeLab } from '@/components/labs/moe/moe-lab';
import { common } from '@/lib/i18n/common';
import { localeOf } from '@/lib/i18n/params';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: common[await localeOf(params)].labs.moe.title };
}

export default async function Page({ params }: Props) {
  await localeOf(params);
  return <MoeLab />;
}
