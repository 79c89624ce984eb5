// The folder graph and cycle finding of scripts/check-module-cycles.mjs, on hand-written graphs.
// Run by `npm test` (step "scripts"), or alone: node --test scripts/lib/module-graph.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  edgeCount,
  findCycles,
  folderGraph,
  folderOf,
  ROOT,
  stronglyConnectedComponents,
} from './module-graph.mjs';

const base = 'src';
const edge = (from, to) => ({ from: `src/${from}`, to: `src/${to}` });
/** A graph from 'a>b' strings, as a Map of Sets. */
const graphOf = (...links) => {
  const graph = new Map();
  for (const link of links) {
    const [from, to] = link.split('>');
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from).add(to);
  }
  return graph;
};

test('a file belongs to the first folder under the base; a file directly in it, to the root', () => {
  assert.equal(folderOf('src/cheques/dto/cheque.dto.ts', base), 'cheques');
  assert.equal(folderOf('src/app.module.ts', base), ROOT);
  assert.equal(folderOf('srcx/app.module.ts', base), undefined);
  assert.equal(folderOf('libs/domain/src/index.ts', base), undefined);
});

test('the folder graph keeps one entry per folder pair with its file edges, sorted', () => {
  const { graph, folders } = folderGraph(
    [
      edge('b/y.ts', 'a/x.ts'),
      edge('b/dto/z.ts', 'a/x.ts'),
      edge('b/y.ts', 'b/z.ts'),
      { from: 'src/b/y.ts', to: 'libs/domain/index.ts' },
    ],
    { base, files: ['src/c/alone.ts'] },
  );
  assert.deepEqual([...graph.keys()], ['b']);
  assert.deepEqual(graph.get('b').get('a'), [
    edge('b/dto/z.ts', 'a/x.ts'),
    edge('b/y.ts', 'a/x.ts'),
  ]);
  assert.deepEqual(folders, ['a', 'b', 'c']);
  assert.equal(edgeCount(graph), 1);
});

test('the root imports any folder; a folder importing a root file is reported apart', () => {
  const { graph, rootImports } = folderGraph(
    [
      edge('app.module.ts', 'a/a.module.ts'),
      edge('app.module.ts', 'entities.ts'),
      edge('a/a.service.ts', 'error-codes.ts'),
    ],
    { base },
  );
  assert.equal(graph.size, 0);
  assert.deepEqual(rootImports, [edge('a/a.service.ts', 'error-codes.ts')]);
});

test('ignored edges do not link folders', () => {
  const { graph } = folderGraph(
    [edge('a/x.entity.ts', 'b/y.entity.ts'), edge('b/y.entity.ts', 'a/x.entity.ts')],
    { base, ignore: ({ from, to }) => from.endsWith('.entity.ts') && to.endsWith('.entity.ts') },
  );
  assert.deepEqual(findCycles(graph), []);
});

test('a graph without cycle has no component and no cycle', () => {
  const graph = graphOf('a>b', 'b>c', 'a>c', 'd>c');
  assert.deepEqual(stronglyConnectedComponents(graph), []);
  assert.deepEqual(findCycles(graph), []);
});

test('components are the groups of folders that reach one another', () => {
  const graph = graphOf('a>b', 'b>a', 'b>c', 'c>d', 'd>e', 'e>c', 'e>f');
  assert.deepEqual(stronglyConnectedComponents(graph), [
    ['a', 'b'],
    ['c', 'd', 'e'],
  ]);
});

test('every edge inside a component is shown in a shortest cycle, each cycle once', () => {
  // b → c is only on the longer cycle a → b → c → a.
  const graph = graphOf('a>b', 'b>a', 'b>c', 'c>a', 'x>y', 'y>z', 'z>x', 'x>q');
  assert.deepEqual(findCycles(graph), [
    ['a', 'b'],
    ['a', 'b', 'c'],
    ['x', 'y', 'z'],
  ]);
});

test('a cycle starts at its smallest folder and keeps its direction', () => {
  const graph = new Map([
    ['zeta', new Map([['beta', []]])],
    ['beta', new Map([['mu', []]])],
    ['mu', new Map([['zeta', []]])],
  ]);
  assert.deepEqual(findCycles(graph), [['beta', 'mu', 'zeta']]);
});
