import type { StorageLike } from '../../src/state/persistence';

/** An in-memory Storage for tests, with switches to make it refuse like a real browser can. */
export class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failReads = false;
  failWrites = false;

  getItem(key: string): string | null {
    if (this.failReads) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }

  keys(): string[] {
    return [...this.items.keys()];
  }
}
