// Image references as people and engines spell them, for every side that shows
// or splits one: main's plans and messages, the CLI's tables, the renderer's
// lists and fix flows. (Resolving a typed reference against the inventory is
// main's: src-main/planning/references.ts.)

/**
 * Where the tag's colon is, or -1 for an untagged reference: the last colon
 * after the last slash, since a registry's port ("host:5000/app") comes before one.
 */
function tagColon(ref: string): number {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? at : -1;
}

/** Whether the reference names a tag ("app:1", "host:5000/app:1"), not just a repository ("app", "host:5000/app"). */
export const hasTag = (ref: string): boolean => tagColon(ref) >= 0;

/** "repo:tag" → ["repo", "tag"]; an untagged reference is its repository's "latest", as docker reads it. */
export function splitReference(ref: string): [string, string] {
  const at = tagColon(ref);
  return at < 0 ? [ref, 'latest'] : [ref.slice(0, at), ref.slice(at + 1)];
}

/** The short form docker prints: drops docker.io/library/, docker.io/ and Podman's localhost/. */
export function familiarReference(ref: string): string {
  return ref
    .replace(/^docker\.io\/library\//, '')
    .replace(/^docker\.io\//, '')
    .replace(/^localhost\//, '');
}
