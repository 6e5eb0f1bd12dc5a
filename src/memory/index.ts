/** Duration-vs-memory models: CPU share, measured points, AWS Lambda Power Tuning output. */
export type {
  CpuAllocation,
  DurationCurve,
  DurationModelSpec,
  MeasuredPoint,
  RunTimeFactor,
} from './types.js';
export {
  NO_DURATION_MODEL,
  parseDurationCurve,
  runTimeFactor,
  validRange,
  describeDurationModel,
  modelName,
  type DurationModelSetting,
  type DurationModelDescription,
  type ParseModelContext,
} from './model.js';
export { parseMeasuredPointsCsv, readMeasuredPointsCsv } from './points-csv.js';
export {
  powerTuningBaseCost,
  POWER_TUNING_MIN_RAM,
  decodeVisualizationUrl,
  parsePowerTuning,
  readPowerTuningFile,
  powerTuningPick,
  powerTuningPrice,
  type PowerTuningPoints,
  type PowerTuningStat,
  type PowerTuningStrategy,
} from './power-tuning.js';
export { pchip, evalPchip, type Pchip } from './interpolate.js';
