/**
 * Bodies shaped as real Mautic 4/5 sends them (see packages/spec), for scripting the local
 * server: id-keyed lists, the contacts total as a string, grouped contact fields.
 */

type Values = Record<string, string | number | null>;

function contact(id: number, values: Values = {}) {
  const all: Record<string, unknown> = { id, ...values };
  const core: Record<string, unknown> = {};
  for (const [alias, value] of Object.entries(values)) {
    core[alias] = { id: String(id), label: alias, alias, type: 'text', group: 'core', value, normalizedValue: value };
  }
  return {
    id,
    isPublished: true,
    dateAdded: '2026-11-01T10:00:00+00:00',
    dateModified: null,
    points: 0,
    color: null,
    tags: [],
    fields: { core, social: [], personal: [], professional: [], all },
  };
}

function errors(code: number, message: string, extra: { type?: string | null; details?: unknown } = {}) {
  return { errors: [{ code, message, ...extra }] };
}

export const mauticBodies = {
  contact,
  contactResponse: (id: number, values: Values = {}) => ({ contact: contact(id, values) }),
  contactList(contacts: Array<{ id: number; values?: Values }>) {
    const byId: Record<string, unknown> = {};
    for (const c of contacts) byId[String(c.id)] = contact(c.id, c.values);
    return { total: String(contacts.length), contacts: byId };
  },
  fieldList(fields: Array<{ id: number; alias: string; label?: string; type?: string }>) {
    if (fields.length === 0) return { total: 0, fields: [] };
    const byId: Record<string, unknown> = {};
    for (const f of fields) {
      byId[String(f.id)] = {
        id: f.id,
        label: f.label ?? f.alias,
        alias: f.alias,
        type: f.type ?? 'text',
        group: 'core',
        object: 'lead',
        isPublished: true,
        properties: [],
      };
    }
    return { total: fields.length, fields: byId };
  },
  field: (id: number, alias: string, extra: Record<string, unknown> = {}) => ({
    field: { id, label: alias, alias, type: 'text', group: 'core', object: 'lead', isPublished: true, ...extra },
  }),
  tagList(tags: Array<{ id: number; tag: string }>) {
    if (tags.length === 0) return { total: 0, tags: [] };
    return { total: tags.length, tags: Object.fromEntries(tags.map((t) => [String(t.id), t])) };
  },
  tag: (id: number, tag: string) => ({ tag: { id, tag, description: null } }),
  note: (id: number, lead: number, text: string) => ({
    note: { id, text, type: 'general', dateTime: '2026-11-01T10:00:00+00:00', lead: { id: lead } },
  }),
  token: (access: string, refresh?: string, expiresIn = 3600) => ({
    access_token: access,
    expires_in: expiresIn,
    token_type: 'bearer',
    scope: null,
    ...(refresh ? { refresh_token: refresh } : {}),
  }),
  errors,
  invalidField: (field: string) =>
    errors(400, `${field}: This value is not valid.`, { details: { [field]: ['This value is not valid.'] } }),
  /** Several fields refused at once: messages joined by ", " (FormErrorMessagesTrait). */
  invalidFields: (fields: string[]) =>
    errors(400, fields.map((field) => `${field}: This value is not valid.`).join(', '), {
      details: Object.fromEntries(fields.map((field) => [field, ['This value is not valid.']])),
    }),
  batchLimit: (limit: number) => errors(500, `A max of ${limit} entities are supported at a time.`, { details: [] }),
  expiredToken: () => errors(401, 'The access token provided has expired.', { type: 'invalid_grant' }),
  notFound: (message = 'Item was not found.') => errors(404, message, { details: [] }),
};
