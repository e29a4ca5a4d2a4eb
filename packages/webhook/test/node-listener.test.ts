import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createWebhookHandler, toNodeListener, type WebhookHandler } from '../src';
import { fakeClient, nodeTransport, SECRET, signed, tempDir, wooOrder } from './helpers';

describe('toNodeListener', () => {
  it('closes the connection after a 413 on a chunked body', async () => {
    const { dir, remove } = await tempDir();
    const handler = createWebhookHandler({
      secret: SECRET,
      client: fakeClient().client,
      queueDir: dir,
      maxBodyBytes: 1000,
    });
    const transport = await nodeTransport(handler);
    const answer = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(transport.url, { method: 'POST' }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('y'.repeat(1000));
      req.end();
    });
    expect(answer).toEqual({ status: 413, connection: 'close' });
    await transport.close();
    await handler.close();
    await remove();
  });
});

describe('toNodeListener behind a body parser', () => {
  /** A server whose middleware read the body first, as express.raw() or express.json() do. */
  async function behindParser(parse: (raw: Buffer) => unknown, handler: WebhookHandler) {
    const listener = toNodeListener(handler);
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => listener(Object.assign(req, { body: parse(Buffer.concat(chunks)) }), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
  }

  it('verifies the raw body express.raw() kept', async () => {
    const { dir, remove } = await tempDir();
    const fake = fakeClient();
    const handler = createWebhookHandler({ secret: SECRET, client: fake.client, queueDir: dir });
    const { server, url } = await behindParser((raw) => raw, handler);
    const delivery = signed(wooOrder(727), { id: 'd-express' });
    const response = await fetch(url, { method: 'POST', body: delivery.body, headers: delivery.headers });
    expect(response.status).toBe(202);
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(1);
    server.close();
    await handler.close();
    await remove();
  });

  it('says why when express.json() parsed the body first', async () => {
    const { dir, remove } = await tempDir();
    const handler = createWebhookHandler({ secret: SECRET, client: fakeClient().client, queueDir: dir });
    const { server, url } = await behindParser((raw) => JSON.parse(raw.toString()), handler);
    const delivery = signed(wooOrder(727), { id: 'd-json' });
    const response = await fetch(url, { method: 'POST', body: delivery.body, headers: delivery.headers });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toMatch(/already parsed.*express\.raw\(\)/);
    server.close();
    await handler.close();
    await remove();
  });
});
