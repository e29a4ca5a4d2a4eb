export type { StoredDnc } from './fake-dnc';
export {
  FakeMautic,
  type FakeMauticOptions,
  type FakeReply,
  type FakeRequest,
  type StoredContact,
  type StoredField,
} from './fake-mautic';
export { type FakeMauticServer, startFakeMautic } from './fake-mautic-server';
export { addFakeOAuth, type FakeOAuth, type FakeOAuthStats } from './fake-oauth';
export { mauticBodies } from './mautic-bodies';
export { freePort, type PrismOptions, type PrismServer, startPrism } from './prism';
export {
  REDIS_INSTALL_HINT,
  type RedisOptions,
  type RedisServer,
  redisAvailable,
  startRedis,
} from './redis';
export { type RunResult, runProcess } from './run-process';
export {
  type Handler,
  type RecordedRequest,
  type Reply,
  readBody,
  type ScriptedServer,
  startScriptedServer,
} from './scripted-server';
