// Every image, container and volume the engine is asked about by name goes
// through here. Dockerode puts the name into the request path as it is: a
// target such as `sha256:…?force=true&x=` would end the path and start a query
// string of our own choosing. Encoded, the engine reads the name back whole
// (its router decodes the path) and answers for that name, or 404.

import type Docker from 'dockerode';

const inPath = (name: string) => encodeURIComponent(name);

export const imageNamed = (docker: Docker, ref: string) => docker.getImage(inPath(ref));
export const containerNamed = (docker: Docker, idOrName: string) => docker.getContainer(inPath(idOrName));
export const volumeNamed = (docker: Docker, name: string) => docker.getVolume(inPath(name));
