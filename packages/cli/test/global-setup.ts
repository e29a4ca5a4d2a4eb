import { REDIS_INSTALL_HINT, redisAvailable } from '@mautic-woo/testkit';

// One line for the whole run when Redis is missing; under CI a skipped Redis suite is a failure.
export default function setup(): void {
  if (redisAvailable()) return;
  if (process.env.CI === 'true')
    throw new Error(`CI=true and ${REDIS_INSTALL_HINT}: the Redis suites may not be skipped`);
  console.warn(`@mautic-woo/cli: serve --redis / worker suites skipped: ${REDIS_INSTALL_HINT}`);
}
