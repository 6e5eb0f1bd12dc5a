export { Simulator } from './simulator.js';
export { EventQueue } from './event-queue.js';
export type { EventTarget, Scheduler, TimerId } from './types.js';
