// `@mautic-woo/spec/contract`: checks a live Mautic against the spec (Node 20+, plain fetch).
export { type CheckContractOptions, checkContract } from './check';
export type { ContractCheck, ContractMismatch, ContractReport } from './report';
export { createSpecValidator, SPEC_ID, type SpecValidator } from './spec-validator';
