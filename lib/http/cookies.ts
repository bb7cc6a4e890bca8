/** One cookie's value from a Cookie header (URL-decoded), or null when absent or unreadable. */
export function cookieValue(cookieHeader: string | null, wanted: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === wanted) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}
