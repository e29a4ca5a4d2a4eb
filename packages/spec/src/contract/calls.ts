/** A read-only or write call of the contract check, described by its operation in the spec. */
export interface ContractCall {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}

const PAGE = 'limit=5';

export const readCalls = {
  listContacts: { operationId: 'listContacts', method: 'GET', path: '/api/contacts?limit=1' },
  getContact: (id: number): ContractCall => ({ operationId: 'getContact', method: 'GET', path: `/api/contacts/${id}` }),
  listContactFields: { operationId: 'listContactFields', method: 'GET', path: `/api/fields/contact?${PAGE}` },
  listTags: { operationId: 'listTags', method: 'GET', path: `/api/tags?${PAGE}` },
} satisfies Record<string, ContractCall | ((id: number) => ContractCall)>;

export const writeCalls = {
  // A unique address on example.com: a real mailbox can never be written to or merged into.
  createContact: (suffix: string): ContractCall => ({
    operationId: 'createContact',
    method: 'POST',
    path: '/api/contacts/new',
    body: { email: `mautic-woo-contract-check-${suffix}@example.com`, firstname: 'Contract check' },
  }),
  deleteContact: (id: number): ContractCall => ({
    operationId: 'deleteContact',
    method: 'DELETE',
    path: `/api/contacts/${id}/delete`,
  }),
};

/** The id of the first contact of a `listContacts` or contact answer, if any. */
export function firstContactId(body: unknown, key: 'contacts' | 'contact'): number | undefined {
  const value = (body as Record<string, unknown> | null)?.[key];
  const contact = key === 'contact' ? value : Object.values((value as object | null) ?? {})[0];
  const id = (contact as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
}
