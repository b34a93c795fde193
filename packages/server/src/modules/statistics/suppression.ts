/**
 * Small-cell suppression (docs/STATISTICS.md), as pure functions over counts that SQL has
 * already aggregated. No row of a case ever reaches this module: only groups and their counts.
 *
 * The key dimensions K of a query are its groupBy and filter dimensions. SQL counts the whole
 * population (before any filter) by every non-empty subset of K ("levels", coarsest first); each
 * level is a table of "atoms". For every level, in order of size:
 *   1. primary: an atom is sensitive when it has fewer cases than the threshold, or when one case
 *      holds more than half of its persons (dominance: a family size must not give a case away);
 *      an atom inside a suppressed atom of a coarser level is suppressed too (so a group hidden
 *      in one table is hidden in every finer one, and a finer table cannot reveal it);
 *   2. complementary: along every dimension, a line (atoms that differ only on that dimension)
 *      with a suppressed atom must hold at least two suppressed atoms whose cases add up to the
 *      threshold or more; until it does, its smallest shown atom is suppressed too.
 * A group of the answer is then shown only when every atom it is made of is shown.
 * Because every level is decided from the whole population, not from the query, every query
 * sharing a level sees the same atoms hidden: a filter cannot move what is hidden.
 */

export interface Atom {
  /** Bit i set: K[i] is a dimension of this level. */
  readonly level: number;
  /** One value per dimension of K, null where the level does not have that dimension. */
  readonly key: readonly (string | null)[];
  /** Cases (for a level with ACTIVITY: case-activity pairs). */
  readonly n: number;
  /** Persons (the sum of the cases' sizes). */
  readonly p: number;
  /** The largest case's size. */
  readonly m: number;
}

export interface SuppressionRules {
  readonly threshold: number;
  /** Apply the dominance rule on persons (when persons are published). */
  readonly dominance: boolean;
}

export const atomId = (level: number, key: readonly (string | null)[]) => `${level}|${JSON.stringify(key)}`;

const bitsOf = (level: number, width: number) => [...Array(width).keys()].filter((i) => (level >> i) & 1);
const popcount = (level: number) => {
  let count = 0;
  for (let l = level; l; l >>= 1) count += l & 1;
  return count;
};

/** Whether a group is sensitive on its own (primary suppression). */
export function isSensitive(cell: { n: number; p: number; m: number }, rules: SuppressionRules): boolean {
  if (cell.n <= 0) return false;
  if (cell.n < rules.threshold) return true;
  return rules.dominance && cell.p > 0 && 2 * cell.m > cell.p;
}

/** The key restricted to the dimensions of `level` (others null). */
function project(key: readonly (string | null)[], level: number): (string | null)[] {
  return key.map((value, i) => ((level >> i) & 1 ? value : null));
}

/**
 * Complementary suppression within one table: `cells` share `dims` (indices into the key);
 * `hidden` is updated in place until every line holds either no suppressed cell, or at least two
 * whose cases add up to the threshold, or nothing left to hide.
 */
export function complement<C extends { key: readonly (string | null)[]; n: number; p: number }>(
  cells: readonly C[],
  dims: readonly number[],
  hidden: boolean[],
  threshold: number,
): void {
  const lineKey = (cell: C, d: number) => JSON.stringify(cell.key.map((v, i) => (i === d ? '*' : v)));
  // How many cells each line has, to prefer hiding a cell that is not alone in another line (a
  // cell alone in a line equals that line's total, which a coarser table may show).
  const lineSizes = new Map<string, number>();
  for (const d of dims) {
    for (const cell of cells) {
      const id = `${d}:${lineKey(cell, d)}`;
      lineSizes.set(id, (lineSizes.get(id) ?? 0) + 1);
    }
  }
  const alone = (index: number, except: number) =>
    dims.some((e) => e !== except && lineSizes.get(`${e}:${lineKey(cells[index] as C, e)}`) === 1 && dims.length > 1);
  let changed = true;
  while (changed) {
    changed = false;
    for (const d of dims) {
      const lines = new Map<string, number[]>();
      cells.forEach((cell, index) => {
        const id = lineKey(cell, d);
        const line = lines.get(id);
        if (line) line.push(index);
        else lines.set(id, [index]);
      });
      for (const line of lines.values()) {
        for (;;) {
          const hiddenCells = line.filter((i) => hidden[i]);
          if (hiddenCells.length === 0) break;
          const hiddenCases = hiddenCells.reduce((sum, i) => sum + (cells[i] as C).n, 0);
          if (hiddenCells.length >= 2 && hiddenCases >= threshold) break;
          const shown = line.filter((i) => !hidden[i]);
          if (shown.length === 0) break;
          shown.sort((a, b) => {
            const ca = cells[a] as C;
            const cb = cells[b] as C;
            return (
              Number(alone(a, d)) - Number(alone(b, d)) ||
              ca.n - cb.n ||
              ca.p - cb.p ||
              JSON.stringify(ca.key).localeCompare(JSON.stringify(cb.key))
            );
          });
          hidden[shown[0] as number] = true;
          changed = true;
        }
      }
    }
  }
}

/** Decides every atom of every level: the ids (`atomId`) of the suppressed ones. */
export function suppressAtoms(width: number, atoms: readonly Atom[], rules: SuppressionRules): Set<string> {
  const suppressed = new Set<string>();
  const levels = [...new Set(atoms.map((a) => a.level))].sort((a, b) => popcount(a) - popcount(b) || a - b);
  for (const level of levels) {
    const cells = atoms.filter((a) => a.level === level);
    const dims = bitsOf(level, width);
    const hidden = cells.map((cell) => {
      if (isSensitive(cell, rules)) return true;
      // Inside a suppressed atom of a coarser level (one dimension fewer; that one inherited in turn).
      return dims.some((d) => {
        const parent = level & ~(1 << d);
        return parent !== 0 && suppressed.has(atomId(parent, project(cell.key, parent)));
      });
    });
    complement(cells, dims, hidden, rules.threshold);
    cells.forEach((cell, i) => {
      if (hidden[i]) suppressed.add(atomId(level, cell.key));
    });
  }
  return suppressed;
}
