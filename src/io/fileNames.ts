/**
 * A file-name-safe slug: lowercase ASCII letters, digits and single dashes, at most 60
 * characters; `scenario` when nothing is left. @example slug('Texas 300 MW — base') === 'texas-300-mw-base'
 */
export function fileNameSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'scenario' : slug;
}
