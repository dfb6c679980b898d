import { useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { ApiError } from '../shared/api-client';
import { openRealtimeStream } from './api';
import {
  parseSse,
  reconnectDelayMs,
  withLiveEvent,
  type LiveEvent,
  type SseMessage,
  type StreamState,
} from './realtime-data';

/** Answers that another try would get again: stop and say why rather than retry. */
const FINAL_STATUSES = new Set([400, 401, 403, 404]);

export interface LiveStream {
  /** Newest first, the last `LIVE_EVENTS_KEPT`. */
  events: LiveEvent[];
  state: StreamState;
  /** Why the stream stopped or dropped, while `failed` or `reconnecting`. */
  problem: string | undefined;
}

/**
 * The site's live events. The stream is closed while the tab is hidden and opened again when it shows; after
 * a drop it reconnects, waiting longer after each failure in a row. Either way it resumes with `Last-Event-ID`,
 * so the events sent meanwhile (within the API's 5 minutes) come first, none twice.
 */
export function useLiveStream(siteId: number): LiveStream {
  const { accessToken } = useSession();
  // The token is renewed every few minutes: a reconnect uses the latest, without restarting the stream.
  const token = useRef(accessToken);
  useEffect(() => {
    token.current = accessToken;
  }, [accessToken]);
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [state, setState] = useState<StreamState>('connecting');
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let lastEventId: string | undefined;
    let failures = 0;
    let connection: AbortController | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    setEvents([]);

    const receive = (message: SseMessage) => {
      if (message.event !== 'event') return;
      if (message.id) lastEventId = message.id;
      setEvents((kept) => withLiveEvent(kept, JSON.parse(message.data) as LiveEvent));
    };

    const read = async (stream: ReadableStream<Uint8Array>) => {
      const reader = stream.getReader();
      // One decoder for the whole stream: a character split between two chunks is decoded once both came.
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const { messages, rest } = parseSse(buffer + decoder.decode(value, { stream: true }));
        buffer = rest;
        messages.forEach(receive);
      }
    };

    const connect = async () => {
      clearTimeout(retry);
      if (document.hidden) return setState('paused');
      const current = new AbortController();
      connection = current;
      setState(failures === 0 ? 'connecting' : 'reconnecting');
      try {
        const stream = await openRealtimeStream(siteId, lastEventId, token.current ?? '', current.signal);
        if (!stream) throw new ApiError(0, 'EMPTY', 'The stream answered without a body.');
        failures = 0;
        setProblem(undefined);
        setState('live');
        await read(stream);
        setProblem('The stream ended.');
      } catch (error) {
        // Closed on purpose: hidden tab, another site, or the page left.
        if (current.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setProblem(message);
        if (error instanceof ApiError && FINAL_STATUSES.has(error.status)) return setState('failed');
      }
      failures += 1;
      setState('reconnecting');
      retry = setTimeout(() => void connect(), reconnectDelayMs(failures));
    };

    const onVisibility = () => {
      if (document.hidden) {
        clearTimeout(retry);
        connection?.abort();
        setState('paused');
      } else {
        failures = 0;
        void connect();
      }
    };

    document.addEventListener('visibilitychange', onVisibility);
    void connect();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(retry);
      connection?.abort();
    };
  }, [siteId]);

  return { events, state, problem };
}
