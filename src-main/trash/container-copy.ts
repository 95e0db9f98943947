// PLACEHOLDER until the container-copy module lands (helper branch wt-ctr): no plan names containers yet.
import type Docker from 'dockerode';
export interface ContainerCopy {
  name: string;
  imageId: string;
}
export class ContainerNameTaken extends Error {
  constructor(readonly holder: string) {
    super(`name taken by ${holder}`);
  }
}
export async function describeContainer(_docker: Docker, _id: string): Promise<ContainerCopy> {
  throw new Error('not yet');
}
export async function commitWritableLayer(_docker: Docker, _id: string, _as: string): Promise<string> {
  throw new Error('not yet');
}
export async function recreateContainer(_docker: Docker, _copy: ContainerCopy, _image: string): Promise<string> {
  throw new Error('not yet');
}
