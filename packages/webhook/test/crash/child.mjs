// The webhook handler as a user runs it: createWebhookHandler({ secret, client }) alone, so the
// embedded queue sits in ./.mautic-woo/queue of the working directory, on node:http. Talks to the
// crash test over IPC: sends { ready: port }, answers { idle: true } once whenIdle() resolves.
import { createServer } from 'node:http';
import { createMauticClient } from '@mautic-woo/sync';
import { createWebhookHandler, toNodeListener } from '@mautic-woo/webhook';

const [mauticUrl, secret] = process.argv.slice(2);
const client = createMauticClient({ baseUrl: mauticUrl, auth: { type: 'basic', username: 'api', password: 'pw' } });
const handler = createWebhookHandler({ secret, client });
const server = createServer(toNodeListener(handler));
server.listen(0, '127.0.0.1', () => process.send({ ready: server.address().port }));

process.on('message', async (message) => {
  if (message === 'idle') {
    await handler.whenIdle();
    process.send({ idle: true });
  } else if (message === 'close') {
    server.close();
    await handler.close();
    process.disconnect();
  }
});
