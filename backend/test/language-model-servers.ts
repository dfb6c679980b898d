import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderKind, ProviderSettings } from '../src/ai/provider.js';

/** One request a test provider received: its path, headers and parsed JSON body. */
export interface ReceivedCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * What the test provider does with a call: answer `text` in its wire format (with token counts), or
 * answer `status` with `body` verbatim (an error, or garbage), optionally after `delayMs`; `hang`
 * never answers (a timeout); `drop` closes the connection.
 */
export type Behaviour =
  | { text: string; inputTokens?: number; outputTokens?: number; delayMs?: number }
  | { status: number; body: string; delayMs?: number }
  | { hang: true }
  | { drop: true };

const PATHS: Record<ProviderKind, string> = { openai: '/v1/chat/completions', anthropic: '/v1/messages' };

/** `text` in the wire format of `kind`, as the real APIs answer it. */
function answer(kind: ProviderKind, text: string, inputTokens: number, outputTokens: number): object {
  return kind === 'openai'
    ? {
        id: 'chatcmpl-test',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: {
          prompt_tokens: inputTokens,
          completion_tokens: outputTokens,
          total_tokens: inputTokens + outputTokens,
        },
      }
    : {
        id: 'msg_test',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        usage: { input_tokens: inputTokens, output_tokens: outputTokens },
      };
}

/**
 * A real HTTP server speaking one provider's wire format (OpenAI Chat Completions or Anthropic
 * Messages), standing in for a provider this machine can't reach. Tests set `behave` per call and read
 * `calls`; a path the format doesn't have is a 404, as the real APIs answer.
 */
export class LanguageModelServer {
  readonly calls: ReceivedCall[] = [];
  behave: (call: ReceivedCall) => Behaviour = () => ({ text: '' });
  private readonly server: Server;

  private constructor(readonly kind: ProviderKind) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== PATHS[kind]) {
          response.writeHead(404).end('{"error":"not found"}');
          return;
        }
        const call = {
          path: request.url,
          headers: request.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        };
        this.calls.push(call);
        const behaviour = this.behave(call);
        if ('hang' in behaviour) return;
        if ('drop' in behaviour) {
          request.socket.destroy();
          return;
        }
        setTimeout(() => {
          if ('status' in behaviour) {
            response.writeHead(behaviour.status, { 'content-type': 'application/json' }).end(behaviour.body);
            return;
          }
          const json = answer(kind, behaviour.text, behaviour.inputTokens ?? 10, behaviour.outputTokens ?? 5);
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        }, behaviour.delayMs ?? 0);
      });
    });
  }

  static async start(kind: ProviderKind): Promise<LanguageModelServer> {
    const server = new LanguageModelServer(kind);
    // Idle connections stay open for the tests' length: at Node's 5 s a call written to a pooled connection as the
    // server closed it would be lost unrecorded, and a test's count of calls would come up short.
    server.server.keepAliveTimeout = 10 * 60_000;
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** The base URL a provider of this kind is configured with (Chat Completions' includes `/v1`). */
  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return this.kind === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
  }

  /** Settings that reach this server with `model` and `apiKey`. */
  settings(model = 'test-model', apiKey = 'test-key'): ProviderSettings {
    return { kind: this.kind, baseUrl: this.baseUrl, model, apiKey };
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
