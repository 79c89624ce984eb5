/**
 * A list of fixed words (statuses of a domain enum, never user input) as SQL literals, for an
 * `IN (…)` written into the query text: a partial index's predicate is matched on the text, which a
 * bound array parameter would hide from the planner.
 */
export function sqlLiterals(words: readonly string[]): string {
  if (words.length === 0) throw new Error('An empty IN list selects nothing: check its source');
  for (const word of words) {
    if (!/^[A-Z_]+$/.test(word)) throw new Error(`Not a status word: ${word}`);
  }
  return words.map((w) => `'${w}'`).join(', ');
}
