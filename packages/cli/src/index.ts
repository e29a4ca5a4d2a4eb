// The public entry of @mautic-woo/cli besides its `mautic-woo` executable: run the CLI from code,
// and the pieces the demo and the examples share with it (a Mautic target from the environment,
// terminal output, step lines).
export { ConfigError, displayUrl, ENV_HELP, type MauticTarget, mauticTargetFromEnv } from './env-config';
export { main } from './main';
export { describeError, type Mark, type OutcomeLine, stepLines } from './outcome-lines';
export { colorEnabled, formatDuration, type Paint, paint } from './terminal';
