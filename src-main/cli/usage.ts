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
             [--unused-for 720h] [--keep-newest N[:last-used]]
                             Plan removing dangling (or, with --all, unused) images
                             (--trash / --no-trash as for rmi); --unused-for: only those
                             with no use seen for that long; --keep-newest: keep each
                             repository's newest N tags (by build date, or by last use)
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
  policy [ls]                Cleanup policies (the app's): schedule, mode, rules, last and next run
  policy add NAME [rules] [--schedule hourly|daily|weekly|over-threshold] [--mode notify|apply] [--disabled]
                             Save a policy (daily and notify-only unless said)
  policy plan NAME [--out FILE]
                             Plan what the policy would remove now (nothing changes)
  policy apply NAME [--yes]  Plan and run the policy now, recorded as the app records its runs
  policy rm NAME             Remove a policy
  fleet df [--contexts a,b]  Every engine at once: state, product, images, containers, disk
                             usage and reclaimable space, last cleanup; totals (default: every
                             usable docker context; a silent engine costs 5 s, not the others)
  fleet plan KIND [options] [--contexts a,b] [--out FILE]
                             One plan per engine, grouped (KIND: prune, rm-stopped,
                             prune-cache, prune-volumes, or policy NAME); commands name each
                             engine's --context
  fleet apply FILE [--yes]   Run a saved fleet plan: each engine's part checked as apply checks
                             a plan file, all engines at once; one engine failing stops no other

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

Apply options (apply, policy apply, fleet apply):
  -y, --yes                  Apply without asking (required when not on a terminal)

Policy rules (policy add; at least one of the first three or a threshold):
      --unused-for 720h      Only images with no use seen for that long
      --older-than 720h      Only images older than that (--until-clock as for plan prune)
      --keep-newest N[:last-used]
                             Keep each repository's newest N tags (by build date, or last use)
      --keep PATTERN         Keep images whose name matches ("postgres:*"); repeatable
      --keep-label LABEL     Keep images with this label ("key" or "key=value"); repeatable
      --over 20GB --down-to 15GB
                             Only while images take more than --over: the least recently
                             used go first, until they take --down-to or less
      --free-below 10GB --free-target 20GB
                             Only while the engine's disk has less than --free-below free,
                             until --free-target is free
  Runs never stop or remove containers, never force, never touch volumes, and keep a
  trash copy of each image that cannot be pulled back.

Exit status: 0 done, 1 engine or conflict error, 2 usage error.
`;
