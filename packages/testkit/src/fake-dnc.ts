/**
 * Mautic's do-not-contact rules for the fake (see packages/spec, `addDoNotContact`): one entry per
 * channel; reason defaults to 3 (manual) and 0 is refused with 400; adding over an existing entry
 * replaces its reason and comments, except an unsubscribe (reason 1), which stays
 * (`DoNotContact::addDncForContact`); remove takes the channel's entry whatever its reason.
 */

export interface StoredDnc {
  id: number;
  channel: string;
  reason: number;
  comments: string | null;
  channelId: number | null;
  dateAdded: string;
}

/** Adds or replaces the channel's entry; a string is the 400 message when the reason is invalid. */
export function addDnc(
  entries: StoredDnc[],
  channel: string,
  input: Record<string, unknown>,
  nextId: () => number,
): string | null {
  const reason = input.reason === undefined ? 3 : Number(input.reason);
  if (!Number.isInteger(reason) || reason < 1) return 'Invalid reason code given';
  // Mautic strips HTML from the comment before saving it.
  const comments = typeof input.comments === 'string' ? input.comments.replace(/<[^>]*>/g, '') : null;
  const existing = entries.find((entry) => entry.channel === channel);
  if (existing) {
    if (existing.reason !== 1) Object.assign(existing, { reason, comments });
    return null;
  }
  const channelId = typeof input.channelId === 'number' ? input.channelId : null;
  entries.push({ id: nextId(), channel, reason, comments, channelId, dateAdded: new Date().toISOString() });
  return null;
}

/** Removes the channel's entry; true when there was one (`recordFound`). */
export function removeDnc(entries: StoredDnc[], channel: string): boolean {
  const index = entries.findIndex((entry) => entry.channel === channel);
  if (index >= 0) entries.splice(index, 1);
  return index >= 0;
}
