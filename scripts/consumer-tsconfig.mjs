// How a strict TypeScript user compiles against the published packages: strict with
// exactOptionalPropertyTypes, only ES2022 and Node's types (no DOM lib), NodeNext resolution.
// pack-smoke.mjs (the declarations as published) and readme-snippets.mjs (the READMEs' code) use it.
export const strictConsumerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  lib: ['ES2022'],
  types: ['node'],
  target: 'ES2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  noEmit: true,
};
