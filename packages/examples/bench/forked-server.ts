import { fork } from 'node:child_process';

/**
 * A server module run in a process of its own, asked over IPC: the parent side shared by
 * server-process.ts and fake-process.ts. The module forks itself with `--serve <options JSON>`,
 * answers `{ type: 'ready', url }` once listening, one reply per message after that, and exits
 * on `{ type: 'close' }`.
 */

export interface ForkedServer<Message, Reply> {
  url: string;
  /** Sends a message and resolves with the reply to it (replies come in the order asked). */
  ask(message: Message): Promise<Reply>;
  close(): Promise<void>;
}

export async function forkServer<Message, Reply extends { type: string }>(
  moduleUrl: string,
  options: unknown,
): Promise<ForkedServer<Message, Reply>> {
  const child = fork(new URL(moduleUrl).pathname, ['--serve', JSON.stringify(options)], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies: Array<(reply: Reply | { type: 'ready'; url: string }) => void> = [];
  child.on('message', (reply: Reply) => replies.shift()?.(reply));
  const next = () => new Promise<Reply | { type: 'ready'; url: string }>((resolve) => replies.push(resolve));
  const ready = await next();
  if (ready.type !== 'ready' || !('url' in ready)) throw new Error(`${moduleUrl} did not start`);
  return {
    url: ready.url as string,
    ask(message) {
      const reply = next() as Promise<Reply>;
      child.send(message as object);
      return reply;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    },
  };
}
