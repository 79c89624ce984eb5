// The graph of the API's module folders and its cycles, for scripts/check-module-cycles.mjs.
// Pure functions over file paths (no file system, no dependency-cruiser), so that
// scripts/lib/module-graph.test.mjs checks them on small hand-written graphs.

/** The folder of the files directly in the base folder: the composition root. */
export const ROOT = '(root)';

/**
 * The module folder of `file` (the first path segment under `base`), ROOT for a file directly in
 * `base`, undefined for a file outside it.
 */
export function folderOf(file, base) {
  if (!file.startsWith(`${base}/`)) return undefined;
  const rest = file.slice(base.length + 1);
  const slash = rest.indexOf('/');
  return slash === -1 ? ROOT : rest.slice(0, slash);
}

/**
 * The folder graph of file edges (`{ from, to }`, paths relative to the same directory as `base`):
 * `graph` maps each folder to the folders it imports, each with the file edges that make the link
 * (sorted). The composition root may import any folder and is left out of the graph; a module
 * folder importing a root file is listed in `rootImports` instead. Edges for which `ignore(edge)`
 * is true do not count. `folders` lists the module folders of `files` and of the edges.
 */
export function folderGraph(edges, { base, files = [], ignore = () => false }) {
  const graph = new Map();
  const rootImports = [];
  const folders = new Set();
  for (const file of [...files, ...edges.flatMap((edge) => [edge.from, edge.to])]) {
    const folder = folderOf(file, base);
    if (folder !== undefined && folder !== ROOT) folders.add(folder);
  }
  for (const edge of edges) {
    const from = folderOf(edge.from, base);
    const to = folderOf(edge.to, base);
    if (from === undefined || to === undefined || from === to || from === ROOT) continue;
    if (ignore(edge)) continue;
    if (to === ROOT) {
      rootImports.push(edge);
      continue;
    }
    if (!graph.has(from)) graph.set(from, new Map());
    const targets = graph.get(from);
    if (!targets.has(to)) targets.set(to, []);
    targets.get(to).push(edge);
  }
  for (const targets of graph.values()) {
    for (const list of targets.values()) list.sort(compareEdges);
  }
  rootImports.sort(compareEdges);
  return { graph, rootImports, folders: [...folders].sort() };
}

function compareEdges(a, b) {
  return a.from.localeCompare(b.from) || a.to.localeCompare(b.to);
}

/** The folders a folder imports (`graph` maps a folder to a Map or a Set of folders). */
function successors(graph, node) {
  return [...(graph.get(node)?.keys() ?? [])].sort();
}

function nodesOf(graph) {
  const nodes = new Set(graph.keys());
  for (const node of graph.keys()) for (const next of successors(graph, node)) nodes.add(next);
  return [...nodes].sort();
}

/**
 * The strongly connected components of more than one folder (Tarjan): each one is a set of folders
 * that all reach one another, i.e. at least one cycle. Folders and components are sorted.
 */
export function stronglyConnectedComponents(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of successors(graph, node)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of nodesOf(graph)) if (!index.has(node)) visit(node);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The shortest path of folders from `from` to `to` (both included), through `within` only. */
function shortestPath(graph, from, to, within) {
  const previous = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === to) break;
    for (const next of successors(graph, node)) {
      if (within.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  const path = [];
  for (let node = to; node !== undefined; node = previous.get(node)) path.unshift(node);
  return path;
}

/**
 * Cycles that cover every folder edge inside a strongly connected component: for each such edge
 * a → b, the shortest cycle a → b → … → a. Each cycle is a list of folders, the last one
 * importing the first, starting at its smallest folder; duplicates are dropped. Sorted by length,
 * then by name.
 */
export function findCycles(graph) {
  const cycles = new Map();
  for (const component of stronglyConnectedComponents(graph)) {
    const within = new Set(component);
    for (const from of component) {
      for (const to of successors(graph, from)) {
        if (!within.has(to)) continue;
        const cycle = [from, ...shortestPath(graph, to, from, within).slice(0, -1)];
        const start = cycle.indexOf([...cycle].sort()[0]);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(rotated.join(' → '), rotated);
      }
    }
  }
  return [...cycles.values()].sort(
    (a, b) => a.length - b.length || a.join(' ').localeCompare(b.join(' ')),
  );
}

/** The number of folder-to-folder edges of a graph. */
export function edgeCount(graph) {
  let edges = 0;
  for (const node of graph.keys()) edges += successors(graph, node).length;
  return edges;
}
