// The guided flows' words, from a FixModel's facts: titles, what happened and
// why, and for each fix its label and what it costs.

import { engineName } from '../../../src-shared/engine-name';
import type { FixChoice } from '../../../src-shared/plan';
import { t } from '../../i18n/i18n.svelte';
import { list, quotedList } from '../plan-format';
import type { FixModel } from './fix-model';

const names = (m: FixModel, running?: boolean) =>
  quotedList(m.containers.filter((c) => running === undefined || c.running === running).map((c) => c.name));

export function fixTitle(m: FixModel): string {
  return t(`fix.${m.conflict}.title`, { count: m.containers.length || m.children.length || m.references.length });
}

export function fixExplanation(m: FixModel): string {
  switch (m.conflict) {
    case 'running-container':
      return t('fix.running-container.explain', {
        count: m.containers.filter((c) => c.running).length,
        image: m.imageLabel,
        containers: names(m, true),
      });
    case 'stopped-container':
      return (
        t('fix.stopped-container.explain', { count: m.containers.length, image: m.imageLabel, containers: names(m) }) +
        (m.engineKind === 'podman' ? ' ' + t('fix.stopped-container.podman') : '')
      );
    case 'multiple-references':
      return m.selectedTags.length
        ? t('fix.multiple-references.explainTag', { count: m.references.length, image: m.imageLabel })
        : t('fix.multiple-references.explainId', { count: m.references.length, image: m.imageLabel });
    case 'reference-in-use':
      return t('fix.reference-in-use.explain', {
        count: m.containers.length,
        image: m.imageLabel,
        containers: names(m),
      });
    case 'dependent-children':
      return (
        t('fix.dependent-children.explain', {
          count: m.children.length,
          image: m.imageLabel,
          children: list(m.children.map((c) => c.label)),
        }) + (m.blocked ? ' ' + t('fix.dependent-children.blocked') : '')
      );
  }
}

export function optionLabel(m: FixModel, choice: FixChoice): string {
  switch (choice) {
    case 'selected-tag':
      return t('fix.option.selected-tag', { tags: list(m.selectedTags) });
    case 'all-tags':
      return t('fix.option.all-tags', { count: m.references.length });
    case 'remove-children':
      return t('fix.option.remove-children', { count: m.children.length });
    default:
      return t(`fix.option.${choice}`, { count: m.containers.length });
  }
}

export function optionConsequence(m: FixModel, choice: FixChoice): string {
  const others = m.references.filter((r) => !m.selectedTags.includes(r));
  switch (choice) {
    case 'keep-image':
    case 'skip':
      return t(`fix.keep.${m.conflict}`);
    case 'stop-and-remove-containers':
      return t('fix.consequence.stop-and-remove-containers', {
        count: m.containers.length,
        running: names(m, true),
        all: names(m),
      });
    case 'remove-containers':
      return t('fix.consequence.remove-containers', { count: m.containers.length, all: names(m) });
    case 'selected-tag':
      return t('fix.consequence.selected-tag', { others: list(others) });
    case 'all-tags':
      return t('fix.consequence.all-tags', { tags: list(m.references) });
    case 'remove-children':
      return t('fix.consequence.remove-children', {
        children: list(m.children.map((c) => c.label)),
        image: m.imageLabel,
      });
    default:
      return t(`fix.consequence.${choice}`, { engine: engineName(m.engineKind) });
  }
}
