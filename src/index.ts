/**
 * faasim's library API. The CLI is a thin layer over these functions.
 *
 *   const trace = await loadTrace('trace.csv');
 *   const result = simulateTrace(trace, { ...DEFAULT_CONFIG, memoryMb: 512 });
 *   console.log(renderTable(result));
 */
export {
  DEFAULT_CONFIG,
  parseDistribution,
  parsePings,
  type FunctionOverrides,
  type SimulationConfig,
} from './config.js';
export { InputError, formatIssue, type Issue } from './errors.js';
export {
  simulateFile,
  simulateShardFile,
  simulateTrace,
  simulateLoaded,
  simulateReplay,
  settingsOf,
  RESULT_SCHEMA,
  type QueueingSummary,
  type SimulationResult,
  type SimulateOptions,
  type TraceSummary,
  type ConfigSummary,
  type FunctionResult,
} from './simulate.js';
export {
  compareFile,
  providerList,
  adaptConfig,
  COMPARE_SCHEMA,
  type ComparisonResult,
  type ComparisonRow,
} from './compare.js';
export {
  containerBreakEven,
  containerProviderIds,
  type BreakEvenRow,
  type BreakEvenOptions,
} from './containers/break-even.js';
export { renderBreakEven } from './containers/render.js';
export {
  renderComparisonTable,
  renderComparisonJson,
  renderComparisonCsv,
  COMPARISON_RENDERERS,
} from './report/render/compare.js';
export { loadTrace, type LoadTraceOptions } from './traces/load.js';
export {
  TrafficTransform,
  transformTrace,
  readTraceWithTraffic,
  type TrafficOptions,
} from './traces/traffic.js';
export {
  inspectTrace,
  inspectReport,
  INSPECT_SCHEMA,
  type InspectReport,
  type InspectOptions,
} from './inspect/inspect.js';
export { renderInspectTable, renderInspectJson } from './inspect/render.js';
export { generateTrace, type GenerateOptions, type Sink } from './generate/generate.js';
export { generateOptionsOf, type GenerateFlags } from './generate/options.js';
export { readTraceCsv, parseColumnMap, type ReadTraceOptions } from './traces/read-csv.js';
export type { Trace, TraceChunk, TraceInfo } from './traces/trace.js';
export { loadScenarioFile, resolveRun, type ResolvedRun, type Settings } from './scenario/resolve.js';
export {
  getProvider,
  providerIds,
  allProviders,
  registerProvider,
  DEFAULT_PROVIDER_ID,
} from './providers/registry.js';
export {
  defineOption,
  settingOf,
  type ProviderOption,
  type OptionContext,
  type SettingSchemas,
} from './providers/option-spec.js';
export { sheetProvider, type SheetProviderSpec } from './providers/shared/define.js';
export type {
  Provider,
  LoadedProvider,
  BillingMeter,
  ProviderSettings,
  PlatformDefaults,
  Dependency,
  ProvenanceLine,
} from './providers/types.js';
export { MONTH_MS, tieredCost, type CostLine, type CostReport } from './pricing/cost.js';
export { defaultPricingDir } from './pricing/dir.js';
export { renderTable, renderJson, renderCsv, RENDERERS } from './report/render/index.js';
export { MetricsCollector, type OutcomeStats, type LatencySummary } from './metrics/metrics.js';
export { LatencyRecorder } from './metrics/latency.js';
export { Simulator, EventQueue, type Scheduler, type EventTarget, type TimerId } from './engine/index.js';
export { Platform } from './model/platform.js';
export { INV, THROTTLE, NullObserver, ObserverFanOut, type PlatformObserver } from './model/observer.js';
export type { ModelSpec, PlatformSpec, FunctionSpec, PingSpec, RoutingPolicy } from './model/spec.js';
export { Rng } from './util/rng.js';
export {
  NO_DURATION_MODEL,
  parseDurationCurve,
  runTimeFactor,
  describeDurationModel,
  parseMeasuredPointsCsv,
  readMeasuredPointsCsv,
  parsePowerTuning,
  readPowerTuningFile,
  decodeVisualizationUrl,
  powerTuningPick,
  powerTuningPrice,
  powerTuningBaseCost,
  type CpuAllocation,
  type DurationCurve,
  type DurationModelSpec,
  type DurationModelSetting,
  type MeasuredPoint,
  type RunTimeFactor,
  type PowerTuningStat,
  type PowerTuningStrategy,
} from './memory/index.js';
export {
  sweepTrace,
  sweepTraceSerial,
  checkSweepPoints,
  pointsAtOfferedSizes,
  gridPoints,
  parseMemoryList,
  analyzeSweep,
  cheapest,
  fastest,
  markPareto,
  balancedScores,
  runPointsSerial,
  runPointsParallel,
  runSweepPoints,
  shareTrace,
  renderSweepTable,
  renderSweepJson,
  renderSweepCsv,
  renderChart,
  DEFAULT_SWEEP_MEMORY,
  DEFAULT_CRITERIA,
  SWEEP_SCHEMA,
  type SweepPoint,
  type SweepReport,
  type SweepCriteria,
  type SweepOptions,
  type PointOutcome,
  type Recommendation,
  type GridAxes,
} from './sweep/index.js';
export {
  inMemory,
  fromSpool,
  spoolTrace,
  asReplayable,
  type ReplayableTrace,
  type Spooled,
} from './traces/replay.js';
export { meanInterval, type MeanInterval } from './certainty/interval.js';
export { t975 } from './certainty/t-quantile.js';
export {
  runReplicates,
  summarizeReplicates,
  replicatePoints,
  headlineFigures,
  type ReplicateSummary,
  type HeadlineIntervals,
} from './certainty/replicates.js';
export {
  runSensitivity,
  figuresToVary,
  boundedFiguresIn,
  type SensitivityRow,
  type BoundedFigure,
} from './certainty/sensitivity.js';
export { simulateWithCertainty, type CertaintyOptions } from './certainty/run.js';
export { renderWithCertainty, type CertaintyExtras } from './certainty/report.js';
export { MAX_REPLICATES } from './limits.js';
export type { FigurePatch } from './pricing/figure.js';

// what the CLI uses besides the above (it imports nothing else of the library)
export { calibrateFile, scenarioFragment } from './calibrate/calibrate.js';
export { renderCalibrationJson, renderCalibrationTable } from './calibrate/render.js';
export { strategyReplicates, withStrategyReplicates } from './certainty/compare.js';
export { collectReplicates, expandReplicates, withReplicates } from './certainty/sweep.js';
export { inputError } from './errors.js';
export { DEFAULT_DURATION, DEFAULT_START_ISO, GENERATE_DEFAULTS } from './generate/options.js';
export { DEFAULT_TOP } from './inspect/inspect.js';
export { INSPECT_RENDERERS } from './inspect/render.js';
export { compareStrategiesWith } from './keep-warm/compare.js';
export { renderCompareHtml } from './keep-warm/html.js';
export { renderKeepWarmMarkdown } from './keep-warm/markdown.js';
export { parseTarget } from './keep-warm/optimise.js';
export { refuseStrategies, type NamedStrategy } from './keep-warm/refusals.js';
export { renderCompareCsv, renderCompareJson, renderCompareTable } from './keep-warm/render.js';
export { parseStrategy, type Strategy } from './keep-warm/strategy.js';
export { TimelineObserver } from './metrics/timeline.js';
export { zodIssues } from './pricing/figure.js';
export { figure, signedDelta, signedRelative } from './report/delta.js';
export { pct } from './report/format.js';
export { renderComparisonHtml } from './report/html/comparison.js';
export { renderSimulateHtml } from './report/html/simulate.js';
export { type BaselineComparison, compareToBaseline, loadBaseline } from './run/baseline.js';
export { type Headline, headlineOf } from './run/headline.js';
export { simulateShardBlockers, simulateShardRefusal } from './run/shard.js';
export { isSimulateShard, mergeSimulateShards, type SimulateShard } from './run/simulate-shard.js';
export { scenarioSchema } from './scenario/schema.js';
export { buildGrid, describeDimensions, gridDimensions, singleValueLists } from './sweep/build.js';
export { renderSweepHtml } from './sweep/html.js';
export { checkSweepRuns } from './sweep/index.js';
export { SWEEP_RENDERERS } from './sweep/render.js';
export { defaultWorkerCount } from './sweep/run.js';
export {
  fromShardJson,
  makeShard,
  mergeShards,
  parseShard,
  shardPoints,
  toShardJson,
  traceFingerprint,
} from './sweep/shard.js';
export type { AnyTraceOptions } from './traces/read.js';
export type { TimeUnit } from './traces/timestamp.js';
export { escapeControls, escapeInline } from './util/escape.js';
export { formatDurationMs, parseDecimal, parseDurationMs, parseFraction } from './util/units.js';
export { type FileKind, formatProblem, validateFile } from './validate.js';
export { MAX_TABLE_WIDTH, type View, withView } from './report/render/view.js';
export { wrapProse } from './report/render/prose.js';
export { packageRoot } from './pricing/dir.js';
export type { ProgressCallback, ProgressEvent, ProgressTask } from './util/progress.js';
export { collectNotices } from './util/notices.js';
export { allOptions } from './providers/registry.js';
