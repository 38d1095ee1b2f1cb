import type { Metadata } from 'next';
import { AccelerationLab } from '@/components/labs/acceleration/acceleration-lab';
import { common } from '@/lib/i18n/common';
import { localeOf } from '@/lib/i18n/params';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: common[await localeOf(params)].labs.acceleration.title };
}

export default async function Page({ params }: Props) {
  await localeOf(params);
  return <AccelerationLab />;
}
