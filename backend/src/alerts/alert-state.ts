import type { AlertCondition, AlertRule, AlertState } from './alert.entities.js';

/** What one evaluation measured: the value, and the window before's where the condition compares with it. */
export interface Measurement {
  value: number;
  previous?: number;
}

/**
 * Whether the condition holds, and the value it is judged on: the measured value for above / below, the
 * percent change against the window before for drops_by / rises_by (a window before of 0 has no percent:
 * the condition does not hold).
 */
export function judge(
  condition: AlertCondition,
  threshold: number,
  { value, previous }: Measurement,
): { holds: boolean; judged: number } {
  switch (condition) {
    case 'above':
      return { holds: value > threshold, judged: value };
    case 'below':
      return { holds: value < threshold, judged: value };
    case 'drops_by':
    case 'rises_by': {
      if (!previous) return { holds: false, judged: 0 };
      const change = Math.round(((value - previous) / previous) * 1000) / 10;
      return {
        holds: condition === 'drops_by' ? -change >= threshold : change >= threshold,
        judged: change,
      };
    }
  }
}

/** What an evaluation does to a rule: its next state and streak, and whether it fires or resolves now. */
export interface Transition {
  state: AlertState;
  streak: number;
  fires: boolean;
  resolves: boolean;
}

/**
 * Hysteresis and cooldown. The streak counts evaluations in a row that agreed (up while the condition
 * holds, down while it is clear). A rule fires when the condition has held `consecutive` evaluations in a
 * row and its last firing is at least `cooldownMinutes` old (inside the cooldown it stays pending and fires
 * when the cooldown ends, if the condition still holds); a firing rule resolves only when the condition has
 * been clear as many evaluations in a row. So a single blip neither fires nor resolves, and a value
 * hovering at the threshold flaps at most once per cooldown.
 */
export function transition(
  rule: Pick<AlertRule, 'state' | 'streak' | 'consecutive' | 'cooldownMinutes' | 'lastFiredAt'>,
  holds: boolean,
  now: number,
): Transition {
  const streak = holds ? Math.max(rule.streak, 0) + 1 : Math.min(rule.streak, 0) - 1;
  if (rule.state === 'firing') {
    const resolves = -streak >= rule.consecutive;
    return { state: resolves ? 'ok' : 'firing', streak, fires: false, resolves };
  }
  if (!holds) return { state: 'ok', streak, fires: false, resolves: false };
  const cooledDown = rule.lastFiredAt === null || now - rule.lastFiredAt >= rule.cooldownMinutes * 60_000;
  const fires = streak >= rule.consecutive && cooledDown;
  return { state: fires ? 'firing' : 'pending', streak, fires, resolves: false };
}
