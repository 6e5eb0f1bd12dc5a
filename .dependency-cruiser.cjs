/**
 * faasim's layer rules, checked by `npm run deps` (part of `npm test`). docs/design.md draws the same
 * map: each folder's one job and what it may import. Type-only imports count: a cycle through types
 * is still two modules that cannot be read, moved or tested one without the other.
 *
 * Violations known when the rules were written, in the configuration cluster (config.ts, scenario/,
 * providers/, memory/) that the provider-plugins work restructures, are listed in
 * .dependency-cruiser-known-violations.json and tolerated; any other violation fails. When one is
 * fixed, regenerate the list with `npm run deps:baseline` so it cannot come back.
 */

/**
 * The layers, bottom up: each unit (a folder under src/, or a file at its root) and the units it may
 * import besides itself. The order is a topological order of this map (test/layers checks it), so
 * rules that hold mean no cycle between folders.
 */
const LAYERS = [
  ['engine', '^src/engine/', []],
  ['errors', '^src/errors[.]ts$', []],
  ['limits', '^src/limits[.]ts$', []],
  ['util', '^src/util/', ['errors']],
  ['model', '^src/model/', ['engine', 'util']],
  ['metrics', '^src/metrics/', ['model', 'util']],
  ['pricing', '^src/pricing/', ['errors', 'util']],
  ['traces', '^src/traces/', ['errors', 'model', 'util']],
  ['providers', '^src/providers/', ['errors', 'model', 'pricing', 'util']],
  ['memory', '^src/memory/', ['errors', 'model', 'pricing', 'providers', 'util']],
  ['config', '^src/config[.]ts$', ['errors', 'limits', 'memory', 'model', 'pricing', 'providers', 'util']],
  ['scenario', '^src/scenario/', ['config', 'errors', 'limits', 'memory', 'model', 'pricing', 'providers', 'traces', 'util']],
  ['run', '^src/run/', ['config', 'errors', 'memory', 'metrics', 'model', 'pricing', 'providers', 'scenario', 'traces', 'util']],
  ['simulate', '^src/simulate[.]ts$', ['config', 'errors', 'model', 'pricing', 'providers', 'run', 'traces', 'util']],
  ['compare', '^src/compare[.]ts$', ['config', 'errors', 'pricing', 'providers', 'run', 'simulate', 'traces', 'util']],
  ['report', '^src/report/', ['errors', 'metrics', 'model', 'pricing', 'run', 'util']],
  ['inspect', '^src/inspect/', ['errors', 'metrics', 'report', 'traces', 'util']],
  ['generate', '^src/generate/', ['config', 'errors', 'model', 'traces', 'util']],
  ['calibrate', '^src/calibrate/', ['config', 'errors', 'metrics', 'model', 'providers', 'report', 'run', 'simulate', 'traces', 'util']],
  ['keep-warm', '^src/keep-warm/', ['config', 'errors', 'metrics', 'model', 'pricing', 'providers', 'report', 'run', 'scenario', 'simulate', 'traces', 'util']],
  ['sweep', '^src/sweep/', ['config', 'errors', 'memory', 'metrics', 'model', 'pricing', 'providers', 'report', 'run', 'simulate', 'traces', 'util']],
  ['certainty', '^src/certainty/', ['config', 'errors', 'keep-warm', 'metrics', 'pricing', 'providers', 'report', 'run', 'scenario', 'simulate', 'sweep', 'traces', 'util']],
  ['containers', '^src/containers/', ['compare', 'config', 'errors', 'pricing', 'providers', 'report', 'simulate', 'traces']],
  ['validate', '^src/validate[.]ts$', ['errors', 'pricing', 'providers', 'scenario', 'util']],
  ['index', '^src/index[.]ts$', ['engine', 'errors', 'limits', 'util', 'model', 'metrics', 'pricing', 'traces', 'providers', 'memory', 'config', 'scenario', 'run', 'simulate', 'compare', 'report', 'inspect', 'generate', 'calibrate', 'keep-warm', 'sweep', 'certainty', 'containers', 'validate']],
  // the CLI is a thin layer over the library's public API
  ['cli', '^src/cli/', ['index']],
];

const pathOf = new Map(LAYERS.map(([name, path]) => [name, path]));

/** A file that renders a result: it returns a string, so it writes nowhere and knows nothing of the CLI. */
const RENDERERS = ['^src/report/', '^src/(?!cli/)[^/]+/(render[^/]*|html|markdown[^/]*|chart)[.]ts$'];

const layerRules = LAYERS.map(([name, path, may]) => ({
  name: `layer-${name}`,
  severity: 'error',
  comment: `${name} imports only ${may.length ? may.join(', ') : 'nothing of the project'} (docs/design.md, the layer map)`,
  from: { path },
  to: { path: '^src/', pathNot: [path, ...may.map((m) => pathOf.get(m))] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules import each other, directly or through others (type-only imports count)',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'providers-not-each-other',
      severity: 'error',
      comment: 'a provider folder imports no other provider folder; what several need goes in src/providers/shared/',
      from: { path: '^src/providers/([^/]+)/', pathNot: '^src/providers/shared/' },
      to: { path: '^src/providers/[^/]+/', pathNot: ['^src/providers/$1/', '^src/providers/shared/'] },
    },
    {
      name: 'shared-not-a-provider',
      severity: 'error',
      comment: 'src/providers/shared/ is what providers share: it imports no provider folder',
      from: { path: '^src/providers/shared/' },
      to: { path: '^src/providers/[^/]+/', pathNot: ['^src/providers/shared/'] },
    },
    {
      name: 'renderers-no-cli',
      severity: 'error',
      comment: 'renderers return strings; the CLI decides where they go',
      from: { path: RENDERERS },
      to: { path: '^src/cli/' },
    },
    {
      name: 'renderers-write-nothing',
      severity: 'error',
      comment: 'renderers return strings and touch no file (assets.ts only reads the uPlot script that the page inlines)',
      from: { path: RENDERERS, pathNot: '^src/report/html/assets[.]ts$' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|net|http|https)$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'an import that resolves to no file',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

// for test/layers/layers.test.ts (not enumerable: dependency-cruiser refuses unknown keys)
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
