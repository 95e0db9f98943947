// Engines name containers in their refusals by short ID (Docker: 12 hex), full
// ID (Podman: 64 hex) or, in newer Docker wording, by "/name". A resolver turns
// any of those into the container a person recognises, from the inventory.

import type { NamedContainer } from '../../src-shared/errors';
import { idMatches } from '../../src-shared/ids';
import type { ContainerSummary } from '../../src-shared/model';

/** Looks up a container by ID (short or full) or name; null when the inventory does not know it. */
export type ContainerResolver = (idOrName: string) => NamedContainer | null;

const hexId = /^[0-9a-f]+$/;

function bareName(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

function toNamed(container: ContainerSummary): NamedContainer {
  const first = container.names[0];
  return { id: container.id, name: first === undefined ? null : bareName(first), state: container.state };
}

export function resolverFromContainers(list: readonly ContainerSummary[]): ContainerResolver {
  const byName = new Map<string, ContainerSummary>();
  for (const container of list) for (const name of container.names) byName.set(bareName(name), container);

  return (idOrName) => {
    const wanted = bareName(idOrName.trim())
      .replace(/^sha256:/, '')
      .toLowerCase();
    if (!wanted) return null;
    const exact = list.find((c) => c.id.toLowerCase() === wanted);
    if (exact) return toNamed(exact);
    // A prefix counts from the 12 hex both engines print as a short ID on (idMatches).
    if (hexId.test(wanted)) {
      const matches = list.filter((c) => idMatches(c.id, wanted));
      // Two containers sharing a 12-hex prefix is vanishingly rare; if it happens, naming either would be a guess.
      if (matches.length === 1 && matches[0]) return toNamed(matches[0]);
      if (matches.length > 1) return null;
    }
    const named = byName.get(bareName(idOrName.trim()));
    return named ? toNamed(named) : null;
  };
}
