/**
 * The longest run of plain characters that every match of a regular expression must contain, or
 * `undefined` when none can be proven. The edge looks for it with a plain substring search before
 * it runs the expression: most of a thousand rules then cost a `string.find` instead of a regex
 * execution, for every distinct user agent.
 *
 * Conservative by construction: a class, an escape that is not a plain character, an optional
 * character or a group that may repeat, be skipped, look around or hold an alternation ends a run
 * (any other group is read through: `(luakit)` requires `luakit`), and a top-level alternation
 * proves nothing. A wrong answer here would skip a rule that matches, which
 * the accuracy test against uap-core's own cases would show.
 */
export function requiredLiteral(pattern: string): string | undefined {
  let best = '';
  let run = '';
  const endRun = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let literal: string | undefined;
    // Groups read through hold no alternation of their own, so this one is the pattern's.
    if (c === '|') return undefined;
    if (c === '\\') {
      const next = pattern[i + 1];
      // A letter or digit after a backslash is a class, an anchor or a back-reference, never itself.
      literal = next !== undefined && !/[A-Za-z0-9]/.test(next) ? next : undefined;
      i += 2;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else if (c === '(') {
      const group = transparentGroup(pattern, i);
      if (group !== undefined) {
        // Its characters sit in line with their neighbours': read on inside it.
        i = group;
        continue;
      }
      i = groupEnd(pattern, i);
    } else if (c === ')') {
      // The end of a group read through: the run goes on.
      i += 1;
      continue;
    } else if ('.^$'.includes(c)) {
      i += 1;
    } else if ('?*+{'.includes(c) && !(c === '{' && !isQuantifier(pattern, i))) {
      // A quantifier with nothing before it in this run: it follows a group or a class.
      i = quantifierEnd(pattern, i);
      endRun();
      continue;
    } else {
      literal = c;
      i += 1;
    }
    if (literal === undefined) {
      endRun();
      i = skipQuantifier(pattern, i).end;
      continue;
    }
    const quantifier = skipQuantifier(pattern, i);
    i = quantifier.end;
    if (quantifier.optional) {
      endRun();
    } else {
      run += literal;
      // `a+` or `a{2,}` still needs the character, but what follows need not be next to one copy.
      if (quantifier.present) endRun();
    }
  }
  endRun();
  return best.length > 0 ? best : undefined;
}

/**
 * Where to read on inside the group opening at `at` if its contents must appear exactly once, in
 * line with what surrounds it: a capturing or `(?:` group, no quantifier after it, no alternation
 * of its own. Otherwise undefined.
 */
function transparentGroup(pattern: string, at: number): number | undefined {
  let inside = at + 1;
  if (pattern[inside] === '?') {
    if (pattern[inside + 1] !== ':') return undefined;
    inside += 2;
  }
  const end = groupEnd(pattern, at);
  if (skipQuantifier(pattern, end).present) return undefined;
  if (hasOwnAlternation(pattern.slice(inside, end - 1))) return undefined;
  return inside;
}

/** Whether `|` appears in `pattern` outside its groups and classes. */
function hasOwnAlternation(pattern: string): boolean {
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '|') return true;
    if (c === '\\') i += 2;
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === '(') i = groupEnd(pattern, i);
    else i += 1;
  }
  return false;
}

function isQuantifier(pattern: string, at: number): boolean {
  return /^\{\d+(,\d*)?\}/.test(pattern.slice(at));
}

/** Where a quantifier starting at `at` ends (lazy `?` and possessive `+` suffixes included). */
function quantifierEnd(pattern: string, at: number): number {
  let end = pattern[at] === '{' ? pattern.indexOf('}', at) + 1 : at + 1;
  if (pattern[end] === '?' || pattern[end] === '+') end += 1;
  return end;
}

function skipQuantifier(pattern: string, at: number): { end: number; present: boolean; optional: boolean } {
  const c = pattern[at];
  if (c === '?' || c === '*') return { end: quantifierEnd(pattern, at), present: true, optional: true };
  if (c === '+') return { end: quantifierEnd(pattern, at), present: true, optional: false };
  if (c === '{' && isQuantifier(pattern, at)) {
    const min = Number(/^\{(\d+)/.exec(pattern.slice(at))![1]);
    return { end: quantifierEnd(pattern, at), present: true, optional: min === 0 };
  }
  return { end: at, present: false, optional: false };
}

/** The index after the character class opening at `at` (`[]a]` and `[^]a]` hold a literal `]`). */
function classEnd(pattern: string, at: number): number {
  let i = at + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1;
  while (i < pattern.length && pattern[i] !== ']') {
    i += pattern[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

/** The index after the group opening at `at`, past nested groups, classes and escapes. */
function groupEnd(pattern: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      i = classEnd(pattern, i);
      continue;
    }
    if (c === '(') depth += 1;
    if (c === ')') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  throw new Error(`unbalanced group in ${pattern}`);
}
