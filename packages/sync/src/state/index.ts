export { type ErasureLog, emailHash, MemoryErasureLog } from './erasure-log';
export { type KeyedSerializer, MemoryKeyedSerializer } from './keyed-serializer';
export { MemoryStepLedger, type OneShotStep, type StepKey, type StepLedger, type StepState } from './step-ledger';
