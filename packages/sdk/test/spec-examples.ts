import { loadSpec } from '@mautic-woo/spec';

/** Every named response example of every operation, resolved, so each becomes one contract test. */
export interface ResponseExample {
  operationId: string;
  status: number;
  name: string;
  value: unknown;
}

type Node = Record<string, unknown>;

export function loadResponseExamples(): ResponseExample[] {
  const spec = loadSpec() as Node;
  const resolve = (node: unknown): Node => {
    let current = node as Node;
    while (current && typeof current.$ref === 'string') {
      const path = (current.$ref as string).replace(/^#\//, '').split('/');
      current = path.reduce<Node>((acc, key) => acc[key] as Node, spec);
    }
    return current;
  };
  const out: ResponseExample[] = [];
  for (const item of Object.values(spec.paths as Node)) {
    for (const operation of Object.values(item as Node) as Node[]) {
      if (!operation?.operationId) continue;
      for (const [status, response] of Object.entries(operation.responses as Node)) {
        const content = (resolve(response).content ?? {}) as Node;
        const media = (content['application/json'] ?? Object.values(content)[0]) as Node | undefined;
        for (const [name, example] of Object.entries((media?.examples ?? {}) as Node)) {
          out.push({
            operationId: operation.operationId as string,
            status: Number(status),
            name,
            value: resolve(example).value,
          });
        }
      }
    }
  }
  return out;
}
