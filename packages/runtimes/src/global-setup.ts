import type { TestProject } from 'vitest/node';
import { createConsumer } from './consumer';

declare module 'vitest' {
  export interface ProvidedContext {
    consumerDir: string;
  }
}

/** One consumer project for the whole run (packing and installing takes a second or two). */
export default function setup(project: TestProject) {
  const consumer = createConsumer();
  project.provide('consumerDir', consumer.dir);
  return () => consumer.remove();
}
