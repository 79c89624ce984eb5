// EXPLAIN (ANALYZE, BUFFERS) of the statements the API ran, re-run with the same parameters on a
// separate connection inside BEGIN … ROLLBACK, and what the benchmark keeps of each plan.

/** Tables that grow with the number of cheques: a Seq Scan on one of them does not hold at 10 M. */
export const BIG_TABLES = new Set(['cheque', 'carnet', 'custody_movement', 'audit_event']);

const SCAN_TYPES = new Set([
  'Seq Scan',
  'Index Scan',
  'Index Only Scan',
  'Bitmap Heap Scan',
  'Tid Scan',
  'Tid Range Scan',
]);

/** SQL without its leading comments and blanks. */
function bare(sql) {
  return sql.replace(/^(\s+|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
}

/** A read the benchmark may EXPLAIN ANALYZE (it runs inside a transaction rolled back anyway). */
export function isSelect(sql) {
  return /^(SELECT|WITH)\b/i.test(bare(sql));
}

/** The statement's first word(s), for the list of what a request ran: SELECT, INSERT, START… */
export function verb(sql) {
  return (/^[A-Za-z]+/.exec(bare(sql))?.[0] ?? '?').toUpperCase();
}

/**
 * EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of `sql` with `params`, in a transaction rolled back;
 * with `text`, also the text plan (a second execution).
 */
export async function explain(client, sql, params = [], { text = false } = {}) {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
    const json = rows[0]['QUERY PLAN'][0];
    let plan = null;
    if (text) {
      const out = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plan = out.rows.map((r) => r['QUERY PLAN']).join('\n');
    }
    return { json, text: plan };
  } finally {
    await client.query('ROLLBACK');
  }
}

function nodesOf(node, depth = 0, out = []) {
  out.push({ node, depth });
  for (const child of node.Plans ?? []) nodesOf(child, depth + 1, out);
  return out;
}

const round = (n, digits = 2) => (n == null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const cut = (s, n) => (s == null ? undefined : s.length > n ? `${s.slice(0, n)}…` : s);

function label(node) {
  const type = `${node['Parallel Aware'] ? 'Parallel ' : ''}${node['Node Type']}`;
  const relation = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const index = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  return `${type}${relation}${index}`;
}

/** Rows a scan node returned and threw away (all loops). */
function rowsRead(node) {
  const loops = node['Actual Loops'] ?? 1;
  return Math.round(
    ((node['Actual Rows'] ?? 0) +
      (node['Rows Removed by Filter'] ?? 0) +
      (node['Rows Removed by Index Recheck'] ?? 0)) *
      loops,
  );
}

/**
 * What is kept of a JSON plan: times, the top of the plan, every Seq Scan on a big table (with
 * the rows it threw away), the rows read from big tables by all scans, and a compact node list.
 */
export function summarise(explained, { maxNodes = 40 } = {}) {
  const root = explained.Plan;
  const all = nodesOf(root);
  const seqScans = [];
  let bigRowsRead = 0;
  for (const { node } of all) {
    const relation = node['Relation Name'];
    if (!relation || !SCAN_TYPES.has(node['Node Type'])) continue;
    if (BIG_TABLES.has(relation)) bigRowsRead += rowsRead(node);
    // A node the executor never ran (an empty outer side, say) reads nothing.
    if (node['Node Type'] === 'Seq Scan' && BIG_TABLES.has(relation) && node['Actual Loops'] > 0) {
      seqScans.push({
        relation,
        parallel: !!node['Parallel Aware'],
        rows: Math.round((node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1)),
        removedByFilter: Math.round(
          (node['Rows Removed by Filter'] ?? 0) * (node['Actual Loops'] ?? 1),
        ),
        loops: node['Actual Loops'],
        filter: cut(node.Filter, 200),
      });
    }
  }
  const chain = [];
  for (let node = root; node && chain.length < 4; node = node.Plans?.[0]) chain.push(label(node));
  return {
    executionMs: round(explained['Execution Time']),
    planningMs: round(explained['Planning Time']),
    top: chain.join(' > '),
    rows: root['Actual Rows'],
    sharedHitBlocks: root['Shared Hit Blocks'],
    sharedReadBlocks: root['Shared Read Blocks'],
    tempWrittenBlocks: root['Temp Written Blocks'] || undefined,
    seqScans,
    bigRowsRead,
    ...(explained.Triggers?.length
      ? {
          triggers: explained.Triggers.map((t) => ({
            name: t['Trigger Name'],
            ms: round(t.Time),
            calls: t.Calls,
          })),
        }
      : {}),
    nodes: all.slice(0, maxNodes).map(({ node, depth }) => ({
      depth,
      node: label(node),
      rows: Math.round((node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1)),
      loops: node['Actual Loops'],
      ms: round(node['Actual Total Time']),
      ...(node['Rows Removed by Filter']
        ? { removedByFilter: Math.round(node['Rows Removed by Filter'] * node['Actual Loops']) }
        : {}),
      ...(node['Index Cond'] ? { indexCond: cut(node['Index Cond'], 200) } : {}),
      ...(node.Filter ? { filter: cut(node.Filter, 200) } : {}),
      ...(node['Sort Method']
        ? { sort: `${node['Sort Method']} ${node['Sort Space Used']} kB` }
        : {}),
    })),
    ...(all.length > maxNodes ? { nodesLeftOut: all.length - maxNodes } : {}),
  };
}

/** Parameters as they go in the results: short strings, buffers and long arrays abbreviated. */
export function showParams(params) {
  return (params ?? []).map((p) => {
    if (p == null) return p;
    if (Buffer.isBuffer(p)) return `<${p.length} bytes>`;
    if (Array.isArray(p)) return p.length > 5 ? [...p.slice(0, 5), `… ${p.length} items`] : p;
    if (p instanceof Date) return p.toISOString();
    if (typeof p === 'object') return cut(JSON.stringify(p), 200);
    return typeof p === 'string' ? cut(p, 200) : p;
  });
}

export { cut };
