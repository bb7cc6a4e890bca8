import type { LogoProps } from './types';

/**
 * The storefront's mark in a header: its logo when it has one (the name stays for screen readers
 * and search engines), otherwise its name set in the theme's type.
 */
export function StoreMark({ storeName, logo, maxHeight = 48 }: { storeName: string; logo?: LogoProps | null; maxHeight?: number }) {
  if (!logo) return <>{storeName}</>;
  const scale = Math.min(1, maxHeight / logo.height);
  return (
    <>
      <img src={logo.src} alt="" width={Math.round(logo.width * scale)} height={Math.round(logo.height * scale)} className="block h-auto max-w-full" data-testid="store-logo" />
      <span className="sr-only">{storeName}</span>
    </>
  );
}
