import type { PolicyDocument } from './policyDocument';
import type { FrontMatter, MappingList } from './frontMatter';
import type { MarkdownBody } from './markdownBody';
import { packStatements, unpackStatements, type PackedStatements, type Statement, type StoredStatements } from './statements';
import { LineIndex } from '../text/lineIndex';
import { nodeAt, parseYaml, type YamlSource } from '../yaml/yamlSource';

/**
 * A parsed document without its text and syntax trees: plain JSON, what the warm cache keeps. The YAML tree and the
 * line index are rebuilt from the text only when something asks for them (fixes, editor features), not to check.
 */
export type StoredDocument = Omit<PolicyDocument, 'file' | 'text' | 'lines' | 'frontMatter' | 'mappings' | 'body'> & {
  frontMatter?: Omit<FrontMatter, 'source'> & { source: Omit<YamlSource, 'doc'> };
  mappings: Omit<MappingList, 'node'>[];
  /** Statements packed as numbers (statements.ts): as objects they were most of a document's facts. */
  body: Omit<MarkdownBody, 'statements'> & { statements: StoredStatements };
};

export function storeDocument(doc: PolicyDocument): StoredDocument {
  // `lines` is left out by name, not read: on a revived document reading it would build the index.
  const { file: _file, text, frontMatter, mappings, body, ...rest } = doc;
  delete (rest as Partial<PolicyDocument>).lines;
  return {
    ...rest,
    body: { sections: body.sections, mentions: body.mentions, links: body.links, endsInRawHtml: body.endsInRawHtml, limits: body.limits, statements: packStatements(body.statements, text) },
    frontMatter: frontMatter && { ...frontMatter, source: { data: frontMatter.source.data, errors: frontMatter.source.errors, base: frontMatter.source.base, text: frontMatter.source.text } },
    mappings: mappings.map(({ node: _node, ...list }) => list),
  };
}

/** The document again, for the same text it was stored from (the cache compares content hashes first). */
export function reviveDocument(file: string, text: string, stored: StoredDocument): PolicyDocument {
  const source = stored.frontMatter && new RevivedYamlSource(stored.frontMatter.source);
  const frontMatter = stored.frontMatter && source && { ...stored.frontMatter, source };
  return new RevivedDocument({
    ...stored,
    file,
    text,
    body: new RevivedBody(stored.body, text),
    frontMatter,
    mappings: stored.mappings.map((list) => new RevivedMappingList(list, source)),
  }) as unknown as PolicyDocument;
}

// Classes, not per-object lazy properties: every revived document then has one shape, which keeps the rules that
// walk thousands of them on their fast path. Private fields are not copied by spreads or stored.

class RevivedDocument {
  #lines?: LineIndex;
  declare readonly text: string;

  constructor(fields: object) {
    Object.assign(this, fields);
  }

  get lines(): LineIndex {
    return (this.#lines ??= new LineIndex(this.text));
  }
}

/** The body's facts, with the statements kept packed and unpacked for each reader (they are read rarely, and whole). */
class RevivedBody {
  readonly #packed: PackedStatements;
  readonly #text: string;

  constructor(stored: StoredDocument['body'], text: string) {
    const { statements, ...facts } = stored;
    Object.assign(this, facts);
    this.#packed = { numbers: Int32Array.from(statements.numbers), texts: statements.texts };
    this.#text = text;
  }

  get statements(): Statement[] {
    return unpackStatements(this.#packed, this.#text);
  }
}

class RevivedYamlSource {
  #doc?: YamlSource['doc'];
  declare readonly text: string;
  declare readonly base: number;

  constructor(fields: Omit<YamlSource, 'doc'>) {
    Object.assign(this, fields);
  }

  get doc(): YamlSource['doc'] {
    return (this.#doc ??= parseYaml(this.text, this.base).doc);
  }
}

class RevivedMappingList {
  #source?: YamlSource;
  #node?: { value: MappingList['node'] };
  declare readonly path: string[];

  constructor(fields: Omit<MappingList, 'node'>, source: RevivedYamlSource | undefined) {
    Object.assign(this, fields);
    this.#source = source as unknown as YamlSource | undefined;
  }

  get node(): MappingList['node'] {
    this.#node ??= { value: this.#source ? nodeAt(this.#source, this.path) : undefined };
    return this.#node.value;
  }
}
