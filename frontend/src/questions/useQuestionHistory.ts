import { useState } from 'react';
import type { QuestionAnswer } from './api';

/** At most this many answers are kept per site: the oldest go first. */
const KEPT = 20;

const storageKey = (siteId: number) => `sluice:questions:${siteId}`;

function stored(siteId: number): QuestionAnswer[] {
  try {
    const text = sessionStorage.getItem(storageKey(siteId));
    return text ? (JSON.parse(text) as QuestionAnswer[]) : [];
  } catch {
    // Storage unavailable (a private window's quota) or a value this panel didn't write: start empty.
    return [];
  }
}

/**
 * The site's questions and answers of this browser session (sessionStorage: leaving the page and coming
 * back keeps them; closing the tab forgets them).
 */
export function useQuestionHistory(siteId: number): [QuestionAnswer[], (answer: QuestionAnswer) => void] {
  const [history, setHistory] = useState(() => ({ siteId, answers: stored(siteId) }));
  // Another site chosen: its own history, read during render rather than synced by an effect.
  const current = history.siteId === siteId ? history.answers : stored(siteId);
  const remember = (answer: QuestionAnswer) => {
    const answers = [...current, answer].slice(-KEPT);
    setHistory({ siteId, answers });
    try {
      sessionStorage.setItem(storageKey(siteId), JSON.stringify(answers));
    } catch {
      // Over the storage quota: the answers stay on screen, only a reload forgets them.
    }
  };
  return [current, remember];
}
