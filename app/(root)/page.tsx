import { LanguageRedirect } from '@/components/shell/language-redirect';

/** `/`: sends the browser to its language (/en or /zh); links stay for no-JS visitors. */
export default function RootPage() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">SparseLab</h1>
      <LanguageRedirect />
      <ul className="mt-6 flex gap-4">
        <li>
          <a className="text-teal-700 underline dark:text-teal-300" href="/en" lang="en">
            English
          </a>
        </li>
        <li>
          <a className="text-teal-700 underline dark:text-teal-300" href="/zh" lang="zh-CN">
            中文
          </a>
        </li>
      </ul>
    </main>
  );
}
