import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStore } from './session';

/**
 * Open documents without a connection, for benchmarks and in-process tests. The caller tells the session
 * (`didOpen`, `didChange`, `didClose`) after each call, as TextDocuments' events do in the server.
 */
export class MemoryDocuments implements DocumentStore {
  private readonly documents = new Map<string, TextDocument>();

  open(uri: string, text: string, languageId = 'markdown'): TextDocument {
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    return document;
  }

  /** Replaces the whole text and bumps the version. */
  update(uri: string, text: string): TextDocument {
    const current = this.documents.get(uri);
    if (!current) throw new Error(`${uri} is not open`);
    const document = TextDocument.update(current, [{ text }], current.version + 1);
    this.documents.set(uri, document);
    return document;
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return [...this.documents.values()];
  }
}
