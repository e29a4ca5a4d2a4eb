import { FakeMautic, type FakeMauticOptions } from './fake-mautic';
import { type RecordedRequest, type Reply, type ScriptedServer, startScriptedServer } from './scripted-server';

export interface FakeMauticServer {
  mautic: FakeMautic;
  server: ScriptedServer;
  url: string;
  /**
   * Answer a route differently for the requests `when` picks (faults), before the fake's own rules.
   * `'*'` as the method and path applies to every API route.
   */
  fail(
    method: string,
    path: string,
    when: (request: RecordedRequest, mautic: FakeMautic) => Reply | undefined | Promise<Reply | undefined>,
  ): void;
  close(): Promise<void>;
}

const ROUTES: Array<[string, string]> = [
  ['GET', '/api/contacts'],
  ['GET', '/api/contacts/:id'],
  ['POST', '/api/contacts/new'],
  ['POST', '/api/contacts/batch/new'],
  ['PATCH', '/api/contacts/batch/edit'],
  ['PUT', '/api/contacts/batch/edit'],
  ['PATCH', '/api/contacts/:id/edit'],
  ['GET', '/api/fields/contact'],
  ['POST', '/api/fields/contact/new'],
  ['POST', '/api/notes/new'],
  ['POST', '/api/emails/:emailId/contact/:contactId/send'],
  ['POST', '/api/segments/:segmentId/contact/:contactId/add'],
  ['POST', '/api/segments/:segmentId/contact/:contactId/remove'],
  ['DELETE', '/api/contacts/:id/delete'],
  ['POST', '/api/contacts/:id/dnc/:channel/add'],
  ['POST', '/api/contacts/:id/dnc/:channel/remove'],
];

/** The fake on a scripted server, so tests can also read `server.requests` and inject faults. */
export async function startFakeMautic(options: FakeMauticOptions = {}): Promise<FakeMauticServer> {
  const server = await startScriptedServer();
  const mautic = new FakeMautic(options);
  const faults: Array<{ method: string; path: RegExp; when: Parameters<FakeMauticServer['fail']>[2] }> = [];
  for (const [method, path] of ROUTES) {
    server.route(method, path, async (request) => {
      for (const fault of faults) {
        const applies = (fault.method === '*' || fault.method === method) && fault.path.test(request.path);
        const reply = applies ? await fault.when(request, mautic) : undefined;
        if (reply) return reply;
      }
      return mautic.handle(request);
    });
  }
  return {
    mautic,
    server,
    url: server.url,
    fail(method, path, when) {
      const pattern = path === '*' ? /^\/api\// : new RegExp(`^${path.replace(/:[a-z]+/gi, '[^/]+')}$`);
      faults.push({ method, path: pattern, when });
    },
    close: () => server.close(),
  };
}
