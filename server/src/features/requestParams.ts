/**
 * The params shape each request handler relies on, checked before dispatch (transport/requestGate) so that a
 * malformed request gets InvalidParams rather than an InternalError carrying a TypeError from inside a handler.
 * Only what the handlers dereference is checked; methods not listed here pass through.
 */
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  HoverRequest,
  InitializeRequest,
  ReferencesRequest,
  WorkspaceDiagnosticRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver';
import {
  CatalogRequest, CoverageRequest, GapsRequest, ImportPoliciesRequest, ImportQuestionnaireRequest, QuestionnaireReviewRequest, QuestionnairesRequest,
  ReportRequest, ReviewAnswerRequest,
} from '../protocol';

type Problem = string | undefined;
type Check = (params: unknown) => Problem;
type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Params must be an object, then the field checks apply in order; the first problem wins. */
function object(...checks: ((params: Fields) => Problem)[]): Check {
  return (params) => (isObject(params) ? checks.reduce<Problem>((problem, check) => problem ?? check(params), undefined) : 'params must be an object');
}

/** For requests whose params may be left out (the custom coverage requests). */
function optional(check: Check): Check {
  return (params) => (params === undefined || params === null ? undefined : check(params));
}

/** Integers, not uintegers: handlers answer positions outside the document (negative ones too) with nothing. */
function position(value: unknown, name: string): Problem {
  return isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character) ? undefined : `${name} must be a position with integer line and character`;
}

const textDocument = (p: Fields): Problem => (isObject(p.textDocument) && typeof p.textDocument.uri === 'string' ? undefined : 'textDocument.uri must be a string');
const atPosition = (p: Fields): Problem => position(p.position, 'position');
const range = (p: Fields): Problem => (isObject(p.range) ? (position(p.range.start, 'range.start') ?? position(p.range.end, 'range.end')) : 'range must be a range');
const codeActionContext = (p: Fields): Problem =>
  isObject(p.context) && (p.context.diagnostics === undefined || Array.isArray(p.context.diagnostics)) && (p.context.only === undefined || Array.isArray(p.context.only))
    ? undefined
    : 'context must be an object with a diagnostics array';
const field =
  (name: string, type: 'string' | 'array', required = false) =>
  (p: Fields): Problem => {
    const value = p[name];
    if (value === undefined && !required) return undefined;
    return (type === 'array' ? Array.isArray(value) : typeof value === type) ? undefined : `${name} must be ${type === 'array' ? 'an array' : `a ${type}`}`;
  };

const CHECKS = new Map<string, Check>([
  [InitializeRequest.method, object((p) => (isObject(p.capabilities) ? undefined : 'capabilities must be an object'))],
  [HoverRequest.method, object(textDocument, atPosition)],
  [CompletionRequest.method, object(textDocument, atPosition)],
  [DefinitionRequest.method, object(textDocument, atPosition)],
  [ReferencesRequest.method, object(textDocument, atPosition)],
  [DocumentSymbolRequest.method, object(textDocument)],
  [CodeLensRequest.method, object(textDocument)],
  [DocumentDiagnosticRequest.method, object(textDocument)],
  [CodeActionRequest.method, object(textDocument, range, codeActionContext)],
  [CodeActionResolveRequest.method, object(field('title', 'string', true))],
  [WorkspaceSymbolRequest.method, object(field('query', 'string', true))],
  [WorkspaceDiagnosticRequest.method, object(field('previousResultIds', 'array', true))],
  [CoverageRequest.method, optional(object(field('uri', 'string')))],
  [GapsRequest.method, optional(object(field('uri', 'string'), field('statuses', 'array')))],
  [CatalogRequest.method, optional(object(field('uri', 'string'), field('catalogId', 'string')))],
  [ReportRequest.method, object(field('uri', 'string'), field('format', 'string', true))],
  [ImportPoliciesRequest.method, object(field('inputs', 'array', true), field('outFolder', 'string', true))],
  [ImportQuestionnaireRequest.method, object(field('file', 'string', true), field('rootUri', 'string'), field('sheet', 'string'))],
  [QuestionnairesRequest.method, optional(object(field('uri', 'string')))],
  [QuestionnaireReviewRequest.method, object(field('uri', 'string', true))],
  [ReviewAnswerRequest.method, object(field('uri', 'string', true), field('questionId', 'string', true), field('action', 'string', true))],
]);

/** What is wrong with a request's params, or undefined when they fit (or the method is not checked here). */
export function paramsProblem(method: string, params: unknown): string | undefined {
  return CHECKS.get(method)?.(params);
}
