// The categories of cookies, apart from the tables that give them: the popup and the findings need
// these words without bundling the tables (classify.ts and the vendor knowledge base).

export type Category = 'necessary' | 'functional' | 'analytics' | 'advertising' | 'unknown';

export const CATEGORIES: readonly Category[] = ['necessary', 'functional', 'analytics', 'advertising', 'unknown'];

/** Categories that need the visitor's consent before they are set. */
export function needsConsent(category: Category): boolean {
  return category === 'analytics' || category === 'advertising';
}
