import { vi } from 'vitest';
import { answer, createExportJobs, type ExportRequest } from '../../src/workers/exportJobs';

/**
 * jsdom's Blob has neither `text()` nor `arrayBuffer()`, which `importScenarioFile` reads files
 * with. These stand-ins behave as the browser's: the bytes through FileReader, then UTF-8
 * decoding that drops a UTF-8 byte order mark and never switches to UTF-16 on a UTF-16 one
 * (so the importer's encoding checks see what a browser gives them).
 */
export function polyfillBlobReading(): void {
  const bytes = (blob: Blob) =>
    new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(blob);
    });
  Blob.prototype.arrayBuffer ??= function (this: Blob) {
    return bytes(this);
  };
  Blob.prototype.text ??= async function (this: Blob) {
    return new TextDecoder('utf-8').decode(await bytes(this));
  };
}

/**
 * jsdom has no Web Workers: a stand-in for the exports worker that answers its messages in the
 * page with the worker's own code (exportJobs.ts), asynchronously as a worker would. Install it
 * after the app has started (so the Monte Carlo still sees no workers); returns the uninstaller.
 */
export function installExportsWorker(): () => void {
  const run = createExportJobs();
  class ExportsWorker {
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: ErrorEvent) => void) | null = null;
    constructor(url: URL | string) {
      if (!String(url).includes('exports.worker')) throw new Error(`no stand-in for ${url}`);
    }
    postMessage(request: ExportRequest): void {
      void answer(run, structuredClone(request)).then((reply) =>
        this.onmessage?.(new MessageEvent('message', { data: reply })),
      );
    }
    terminate(): void {}
  }
  globalThis.Worker = ExportsWorker as unknown as typeof Worker;
  return () => {
    delete (globalThis as { Worker?: unknown }).Worker;
  };
}

/** A file the page downloaded: its name and the blob behind the object URL. */
export interface Download {
  readonly name: string;
  readonly blob: Blob;
}

/**
 * Captures the page's downloads (an object URL clicked through an anchor) instead of saving them,
 * and returns the list they are appended to; `vi.restoreAllMocks()` undoes the click spy.
 */
export function captureDownloads(): Download[] {
  const downloads: Download[] = [];
  const blobs = new Map<string, Blob>();
  let counter = 0;
  URL.createObjectURL = (blob: Blob) => {
    counter += 1;
    const url = `blob:test/${counter}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void blobs.delete(url);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return downloads;
}
