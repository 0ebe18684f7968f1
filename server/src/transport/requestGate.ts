/**
 * Enforces the LSP lifecycle and params shapes before any handler runs, for every request:
 * before `initialize` → ServerNotInitialized; a second `initialize`, or anything after `shutdown` → InvalidRequest;
 * params a handler cannot use → InvalidParams. It sits in front of the library's own per-method wrappers,
 * which already fail on `params: null`.
 */
import { ErrorCodes, InitializeRequest, Message, ResponseError, ShutdownRequest, type Connection, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';

/** What is wrong with a request's params, or undefined when they fit. */
export type ParamsCheck = (method: string, params: unknown) => string | undefined;

interface Refusal {
  code: number;
  message: string;
}

/**
 * A refused request is dispatched under this method instead, so the connection answers it (tracing, ordering)
 * like any other request: with the refusal as error.
 */
const REFUSED = '$/soc2Policy/refusedRequest';

export class RequestGate implements MessageStrategy {
  private initializeSeen = false;
  private shutdownSeen = false;

  constructor(private readonly checkParams: ParamsCheck) {}

  /** Registers the handler that answers refused requests. */
  attach(connection: Pick<Connection, 'onRequest'>): void {
    connection.onRequest(REFUSED, (refusal: Refusal) => new ResponseError(refusal.code, refusal.message));
  }

  handleMessage(message: Message, next: Parameters<MessageStrategy['handleMessage']>[1]): ReturnType<MessageStrategy['handleMessage']> {
    const refusal = Message.isRequest(message) ? this.refusal(message) : undefined;
    return next(refusal ? ({ ...message, method: REFUSED, params: refusal } as RequestMessage) : message);
  }

  private refusal({ method, params }: RequestMessage): Refusal | undefined {
    const initialize = method === InitializeRequest.method;
    if (method === REFUSED) return { code: ErrorCodes.MethodNotFound, message: `Unhandled method ${method}` };
    if (this.shutdownSeen) return { code: ErrorCodes.InvalidRequest, message: `${method} after shutdown: only exit is accepted now` };
    if (initialize && this.initializeSeen) return { code: ErrorCodes.InvalidRequest, message: 'initialize may only be sent once' };
    if (!initialize && !this.initializeSeen) return { code: ErrorCodes.ServerNotInitialized, message: `${method} before initialize` };
    const problem = this.checkParams(method, params);
    if (problem !== undefined) return { code: ErrorCodes.InvalidParams, message: `${method}: ${problem}` };
    if (initialize) this.initializeSeen = true;
    if (method === ShutdownRequest.method) this.shutdownSeen = true;
    return undefined;
  }
}
