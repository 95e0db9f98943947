// The real-engine test harness: private Docker and Podman engines in temp dirs,
// a guard so tests only ever change those, and fixtures built through the API.
// Split across small modules; import from here.
export { startEngine, attachEngine, ping, type EngineKind, type StartedEngine } from './engine.js';
export { assertHarnessHost, assertHarnessClient, connect, MARKER } from './guard.js';
export { engineAvailability, type Availability } from './availability.js';
export {
  BASE_TAG,
  ensureBaseImage,
  buildImage,
  loadImage,
  type LoadSpec,
  tagImage,
  runContainer,
  removeAllContainers,
  resetEngine,
  type BuildSpec,
  type RunSpec,
} from './fixtures.js';
export { reapStaleEngines, reapEngineDir } from './reap.js';
