// `barnacle --help`.

export const usage = `Usage: barnacle [--host URL | --context NAME] [--json] COMMAND

Cleans old Docker and Podman images safely: shows what conflicts before anything
is deleted, and deletes exactly the plan you confirmed.

Commands:
  engines                    Engines on this computer; which one is used and why
  engines add NAME --host tcp://HOST:PORT|ssh://USER@HOST[:PORT]
                             [--tls-ca FILE] [--tls-cert FILE --tls-key FILE] [--tls-skip-verify]
                             [--no-test]
                             Add a remote engine as a docker context (the docker CLI sees it
                             too): connects first, and writes nothing if that fails
  engines rm NAME            Remove that context (never the one config.json uses)
  ls [-a]                    Images, with the containers using them and their children
  ps                         Containers in every state, with image, project and size
  df [--helper] [--no-walk]  Disk usage by type, and what is reclaimable; then three levels
                             of used: what the engine reports, its storage on disk, and VM
                             disk files on this computer, with how to give space back
  volumes                    Volumes: anonymous or named, size, the containers that mount them
  cache                      Build cache records: what made them, size, free, shared or in use
  trash [ls]                 What plans kept in the trash before removing (images, and the
                             stopped containers made from them), its size and limits
  trash restore PLAN/STEP    Load an entry back: each tag that is free, each container whose
                             name is free (made, not started); nothing is moved or removed
  trash rm PLAN/STEP... | trash empty [--expired]
                             Plan removing trash entries (same as plan empty-trash)
  plan rmi REF... [--trash|--no-trash]
                             Plan removing images (tags or IDs). Copies go to the trash first:
                             of images that cannot be pulled back unless Settings say other-
                             wise; --trash: of every image; --no-trash: of none
  plan prune [--all] [--until 24h [--until-clock engine|build]] [--filter label=k=v] [--filter label!=k] [--keep PATTERN]
                             Plan removing dangling (or, with --all, unused) images
                             (--trash / --no-trash as for rmi)
  plan rm-stopped [--filter ancestor=IMAGE]
                             Plan removing stopped containers
  plan rm-volumes NAME...    Plan removing volumes by name (a mounted one is never removed)
  plan prune-volumes         Plan removing the anonymous volumes no container mounts
  plan empty-trash [PLAN/STEP...] [--expired]
                             Plan removing trash entries: these, the expired, or all
  plan prune-cache [--until 24h] [--keep-storage 10GB] [--min-free-space 20GB]
                             Plan removing build cache records no build uses and no image
                             shares (last used before --until; least recently used first
                             until the cache fits in --keep-storage and the engine's disk
                             has --min-free-space free)
  apply PLANFILE [--yes] [--max-age 24h]
                             Run a saved plan's steps (only those a plan made now would
                             also take), and record them in the history

Options for every command:
  -H, --host URL             Engine address (unix://, tcp://, ssh://, npipe://), as docker -H
  -c, --context NAME         Docker context, as docker --context
      --json                 Machine-readable output (errors too, on stderr)
  -h, --help                 This help

Plan options:
  -o, --out FILE             Save the plan for "barnacle apply"
      --stop-running         Stop and remove running containers that use an image
      --remove-containers    Remove stopped containers that use an image
                             (plan prune: remove stopped containers first)
      --force-delete         Force-delete an image stopped containers still use (Docker)
      --all-tags             Remove every tag of an image named by one of its tags
      --with-children        Also remove images built on top of an image
      --until-clock CLOCK    What --until compares: engine (default; the clock docker image
                             prune reads: on Docker's containerd image store, when the image
                             arrived) or build (the image's build date, CREATED)
  Without a fix flag, an image with a conflict is left out and listed as skipped.

Df options:
      --helper               For an engine in a VM or on another machine: measure its storage
                             with a short-lived busybox:latest container (or the image the app's
                             Settings name; read-only, no network, removed after); the image must
                             be on the engine, it is never pulled
      --no-walk              Do not measure the engine's storage (neither the walk, which takes
                             up to 30 s, nor a helper)

Apply options:
  -y, --yes                  Apply without asking (required when not on a terminal)

Exit status: 0 done, 1 engine or conflict error, 2 usage error.
`;
