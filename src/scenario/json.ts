/** The scenario's JSON reader is the one every hand-written JSON file goes through (src/util/json.ts). */
export { MAX_JSON_DEPTH, parseJsonText, parseJsonWithPositions, type TextPosition } from '../util/json.js';
