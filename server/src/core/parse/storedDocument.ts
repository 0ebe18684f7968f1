import type { PolicyDocument } from './policyDocument';
import type { FrontMatter, MappingList } from './frontMatter';
import type { MarkdownBody } from './markdownBody';
import type { Statement } from './statements';
import { LineIndex } from '../text/lineIndex';
import { nodeAt, parseYaml, type YamlSource } from '../yaml/yamlSource';

/**
 * A parsed document without its text and syntax trees: plain JSON, what the warm cache keeps. The YAML tree and the
 * line index are rebuilt from the text only when something asks for them (fixes, editor features), not to check.
 */
export type StoredDocument = Omit<PolicyDocument, 'file' | 'text' | 'lines' | 'frontMatter' | 'mappings' | 'body'> & {
  frontMatter?: Omit<FrontMatter, 'source'> & { source: Omit<YamlSource, 'doc'> };
  mappings: Omit<MappingList, 'node'>[];
  /** Statements whose text is exactly their source slice leave it out: it is most of a document's facts. */
  body: Omit<MarkdownBody, 'statements'> & { statements: (Omit<Statement, 'text'> & { text?: string })[] };
};

export function storeDocument(doc: PolicyDocument): StoredDocument {
  const { file: _file, text, lines: _lines, frontMatter, mappings, body, ...rest } = doc;
  const statements = body.statements.map((statement) => (statement.text === text.slice(statement.span.start, statement.span.end) ? { ...statement, text: undefined } : statement));
  return {
    ...rest,
    body: { ...body, statements },
    frontMatter: frontMatter && { ...frontMatter, source: { data: frontMatter.source.data, errors: frontMatter.source.errors, base: frontMatter.source.base, text: frontMatter.source.text } },
    mappings: mappings.map(({ node: _node, ...list }) => list),
  };
}

/** The document again, for the same text it was stored from (the cache compares content hashes first). */
export function reviveDocument(file: string, text: string, stored: StoredDocument): PolicyDocument {
  // Slices share the document's text in memory, where separate copies would double it.
  const statements = stored.body.statements.map((statement) => (statement.text === undefined ? { ...statement, text: text.slice(statement.span.start, statement.span.end) } : (statement as Statement)));
  const doc = { ...stored, file, text, body: { ...stored.body, statements } } as PolicyDocument;
  lazy(doc, 'lines', () => new LineIndex(text));
  if (stored.frontMatter) {
    const source = { ...stored.frontMatter.source } as YamlSource;
    lazy(source, 'doc', () => parseYaml(source.text, source.base).doc);
    doc.frontMatter = { ...stored.frontMatter, source };
  }
  doc.mappings = stored.mappings.map((list) => {
    const revived = { ...list } as MappingList;
    lazy(revived, 'node', () => (doc.frontMatter ? nodeAt(doc.frontMatter.source, list.path) : undefined));
    return revived;
  });
  return doc;
}

/** A property computed on first read, then kept (not enumerable, so storing the object again leaves it out). */
function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: false,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, configurable: true, enumerable: false, writable: true });
      return value;
    },
  });
}
