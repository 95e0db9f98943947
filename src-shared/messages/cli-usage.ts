// What the `barnacle` command line says about a command line it cannot take.
// The English is word for word what the CLI printed before these became phrases
// (node:util's own sentences included), so scripts that quote them still match.
// Flags, commands and what the user typed are parameters, shown as typed.
export default {
  en: {
    'cli.usage.unknownOption':
      "Unknown option '{option}'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"{option}\"",
    'cli.usage.optionNeedsValue': "Option '{option}' argument missing",
    'cli.usage.optionTakesNoValue': "Option '{option}' does not take an argument",
    'cli.usage.ambiguousValue':
      "Option '{option}' argument is ambiguous.\nDid you forget to specify the option argument for '{option}'?\nTo specify an option argument starting with a dash use '{long}'.",
    'cli.usage.ambiguousValueShort':
      "Option '{option}' argument is ambiguous.\nDid you forget to specify the option argument for '{option}'?\nTo specify an option argument starting with a dash use '{long}' or '{short}'.",
    'cli.usage.badCommandLine': '{said}',
    'cli.usage.noCommand': 'no command given. Run "barnacle --help" to see the commands.',
    'cli.usage.planKind': '"barnacle plan" needs one of: {kinds}.',
    'cli.usage.unknownCommand': 'unknown command "{command}". Run "barnacle --help" to see the commands.',
    'cli.usage.notForCommand': '"barnacle {command}" does not take --{option}.',
    'cli.usage.hostAndContext': 'conflicting options: cannot specify both --host and --context',
    'cli.usage.hostFlag': '--host: {problem}',
    'cli.usage.contextEmpty': '--context needs a context name.',
    'cli.usage.noArguments': '"barnacle {command}" takes no arguments (got "{got}").',
    'cli.usage.applyOneFile': '"barnacle apply" takes exactly one plan file.',
    'cli.usage.maxAge': '--max-age takes a duration such as 24h or 90m, not "{value}".',
    'cli.usage.outEmpty': '--out needs a file name.',
    'cli.usage.twoAnswers': '--remove-containers and --force-delete are two answers to the same conflict: pick one.',
    'cli.usage.unsupportedFilter': 'unsupported filter "{filter}"; use {admitted}.',
    'cli.usage.filterNeedsValue': 'filter "{filter}" needs a value.',
    'cli.usage.filterOnce': 'give "{filter}" once.',
    'cli.usage.badValue': '{what}: {problem}',
    'cli.usage.rmiNeedsImage': '"barnacle plan rmi" needs at least one image (tag or ID).',
    'cli.usage.untilDisagree': '--until and --filter until=… disagree: give one.',
    'cli.usage.keepEmpty': '--keep needs a name pattern, e.g. "postgres:*".',
    'cli.usage.untilClock':
      '--until-clock takes "engine" (what docker image prune compares) or "build" (the build date).',
    'cli.usage.untilClockAlone': '--until-clock goes with --until.',
    'cli.usage.pruneNoNames': '"barnacle plan prune" takes no image names; use --filter or --keep.',
    'cli.usage.rmStoppedNoArguments': '"barnacle plan rm-stopped" takes no arguments; use --filter ancestor=IMAGE.',
    'cli.usage.pruneCacheNoNames':
      '"barnacle plan prune-cache" takes no names: use --until and --keep-storage to choose.',
    'cli.usage.keepStorage':
      '--keep-storage {value} is not a size: write a number with B, KB, MB, GB or TB (for example 10GB).',
    'cli.usage.trash':
      '"barnacle trash [ls]" lists the trash; "trash restore PLAN/STEP" loads an entry back; "trash rm PLAN/STEP…" and "trash empty [--expired]" plan removing entries.',
    'cli.usage.twoTrashAnswers': '--trash and --no-trash say opposite things: pick one.',
    'cli.usage.trashEntry': '{id} is not a trash entry: use the PLAN/STEP that "barnacle trash" lists.',
    'cli.usage.trashEntriesOrExpired': 'Name entries or ask for --expired, not both.',
    'cli.usage.minFreeSpace':
      '--min-free-space {value} is not a size: write a number with B, KB, MB, GB or TB (for example 20GB).',
    'cli.usage.rmVolumesNeedsName': '"barnacle plan rm-volumes" needs at least one volume name.',
    'cli.usage.pruneVolumesNoNames':
      '"barnacle plan prune-volumes" takes no names: it plans the anonymous volumes no container mounts. To remove named volumes, use "barnacle plan rm-volumes NAME...".',
    'cli.usage.policyVerb': '"barnacle policy" needs one of: ls, plan NAME, apply NAME, add NAME, rm NAME.',
    'cli.usage.policyName':
      '"{name}" is not a policy name: up to 64 letters, digits, spaces, ".", "_" and "-", starting with a letter or digit.',
    'cli.usage.policyDuration': '{flag} takes a duration such as 720h or 90m, not "{value}".',
    'cli.usage.policyBytes': '{flag} {value} is not a size: give a number with B, KB, MB, GB or TB (such as 20GB).',
    'cli.usage.keepNewest':
      '--keep-newest takes a count from 1 to 1000, optionally with ":created" or ":last-used" (such as 3:last-used), not "{value}".',
    'cli.usage.twoThresholds': '--over/--down-to and --free-below/--free-target are two thresholds: pick one.',
    'cli.usage.thresholdPair': '{first} and {second} go together: give both.',
    'cli.usage.downToOverOver': '--down-to must be at most --over: the plan removes images until they take that much.',
    'cli.usage.freeTargetUnderBelow':
      '--free-target must be at least --free-below: the plan removes images until that much is free.',
    'cli.usage.untilClockOlderThan': '--until-clock says what --older-than compares: give --older-than too.',
    'cli.usage.policySchedule': '--schedule takes one of {schedules}, not "{value}".',
    'cli.usage.policyMode': '--mode takes "notify" (say what it would free) or "apply" (run the plan), not "{value}".',
    'cli.usage.policyNeedsRule':
      'a policy needs a rule that limits what goes: --unused-for, --older-than, --keep-newest, or a threshold (--over/--down-to or --free-below/--free-target).',
    'cli.usage.policyNeedsThreshold':
      '--schedule over-threshold needs a threshold: --over/--down-to or --free-below/--free-target.',
    'cli.usage.policyInvalid': 'the policy is not valid: {field}: {problem}',
  },
  zh: {
    'cli.usage.unknownOption':
      "未知选项 '{option}'。如果要传入以 '-' 开头的位置参数，请把它放在命令末尾的 '--' 之后，例如 '-- \"{option}\"'。",
    'cli.usage.optionNeedsValue': "选项 '{option}' 缺少参数值",
    'cli.usage.optionTakesNoValue': "选项 '{option}' 不接受参数值",
    'cli.usage.ambiguousValue':
      "选项 '{option}' 的参数值有歧义。\n是不是忘了给 '{option}' 指定参数值？\n要传入以短横线开头的参数值，请写成 '{long}'。",
    'cli.usage.ambiguousValueShort':
      "选项 '{option}' 的参数值有歧义。\n是不是忘了给 '{option}' 指定参数值？\n要传入以短横线开头的参数值，请写成 '{long}' 或 '{short}'。",
    'cli.usage.badCommandLine': '无法解析命令行：{said}',
    'cli.usage.noCommand': '没有指定命令。运行 "barnacle --help" 查看所有命令。',
    'cli.usage.planKind': '"barnacle plan" 后面需要以下之一：{kinds}。',
    'cli.usage.unknownCommand': '未知命令 "{command}"。运行 "barnacle --help" 查看所有命令。',
    'cli.usage.notForCommand': '"barnacle {command}" 不接受 --{option}。',
    'cli.usage.hostAndContext': '选项冲突：不能同时指定 --host 和 --context',
    'cli.usage.hostFlag': '--host：{problem}',
    'cli.usage.contextEmpty': '--context 需要一个上下文名称。',
    'cli.usage.noArguments': '"barnacle {command}" 不接受参数（收到了 "{got}"）。',
    'cli.usage.applyOneFile': '"barnacle apply" 只接受一个计划文件。',
    'cli.usage.maxAge': '--max-age 需要一个时长，例如 24h 或 90m，而不是 "{value}"。',
    'cli.usage.outEmpty': '--out 需要一个文件名。',
    'cli.usage.twoAnswers': '--remove-containers 和 --force-delete 是同一个冲突的两种处理方式：请只选一个。',
    'cli.usage.unsupportedFilter': '不支持的过滤条件 "{filter}"；可用的有 {admitted}。',
    'cli.usage.filterNeedsValue': '过滤条件 "{filter}" 需要一个值。',
    'cli.usage.filterOnce': '"{filter}" 只能指定一次。',
    'cli.usage.badValue': '{what}：{problem}',
    'cli.usage.rmiNeedsImage': '"barnacle plan rmi" 至少需要一个镜像（标签或 ID）。',
    'cli.usage.untilDisagree': '--until 与 --filter until=… 不一致：请只用其中一个。',
    'cli.usage.keepEmpty': '--keep 需要一个名称模式，例如 "postgres:*"。',
    'cli.usage.untilClock':
      '--until-clock 只接受 "engine"（docker image prune 比较的时间）或 "build"（镜像的构建日期）。',
    'cli.usage.untilClockAlone': '--until-clock 必须与 --until 一起使用。',
    'cli.usage.pruneNoNames': '"barnacle plan prune" 不接受镜像名称；请使用 --filter 或 --keep。',
    'cli.usage.rmStoppedNoArguments': '"barnacle plan rm-stopped" 不接受参数；请使用 --filter ancestor=IMAGE。',
    'cli.usage.rmVolumesNeedsName': '"barnacle plan rm-volumes" 至少需要一个卷名。',
    'cli.usage.pruneCacheNoNames': '"barnacle plan prune-cache" 不接受名字：请用 --until 和 --keep-storage 选择。',
    'cli.usage.keepStorage': '--keep-storage {value} 不是大小：请写数字加 B、KB、MB、GB 或 TB（例如 10GB）。',
    'cli.usage.trash':
      '"barnacle trash [ls]" 列出回收站；"trash restore 计划/步骤" 把一个条目载入回引擎；"trash rm 计划/步骤…" 和 "trash empty [--expired]" 规划删除条目。',
    'cli.usage.twoTrashAnswers': '--trash 和 --no-trash 意思相反：请只选一个。',
    'cli.usage.trashEntry': '{id} 不是回收站条目：请使用 "barnacle trash" 列出的 计划/步骤。',
    'cli.usage.trashEntriesOrExpired': '要么指定条目，要么使用 --expired，不能同时使用。',
    'cli.usage.minFreeSpace': '--min-free-space {value} 不是大小：请写数字加 B、KB、MB、GB 或 TB（例如 20GB）。',
    'cli.usage.pruneVolumesNoNames':
      '"barnacle plan prune-volumes" 不接受名字：它计划删除没有容器挂载的匿名卷。要删除命名卷，请使用 "barnacle plan rm-volumes NAME..."。',
    'cli.usage.policyVerb': '"barnacle policy" 后面需要以下之一：ls、plan NAME、apply NAME、add NAME、rm NAME。',
    'cli.usage.policyName':
      '"{name}" 不是策略名称：最多 64 个字符，可用字母、数字、空格、"."、"_" 和 "-"，须以字母或数字开头。',
    'cli.usage.policyDuration': '{flag} 需要一个时长，例如 720h 或 90m，而不是 "{value}"。',
    'cli.usage.policyBytes': '{flag} {value} 不是大小：请写数字加 B、KB、MB、GB 或 TB（例如 20GB）。',
    'cli.usage.keepNewest':
      '--keep-newest 需要 1 到 1000 之间的数量，可加 ":created" 或 ":last-used"（例如 3:last-used），而不是 "{value}"。',
    'cli.usage.twoThresholds': '--over/--down-to 与 --free-below/--free-target 是两种阈值：请只选一种。',
    'cli.usage.thresholdPair': '{first} 和 {second} 必须同时给出。',
    'cli.usage.downToOverOver': '--down-to 不能大于 --over：计划会删除镜像，直到占用不超过该值。',
    'cli.usage.freeTargetUnderBelow': '--free-target 不能小于 --free-below：计划会删除镜像，直到剩余空间达到该值。',
    'cli.usage.untilClockOlderThan': '--until-clock 指定 --older-than 比较的时间：请同时给出 --older-than。',
    'cli.usage.policySchedule': '--schedule 只接受 {schedules} 之一，而不是 "{value}"。',
    'cli.usage.policyMode': '--mode 只接受 "notify"（只通知可释放多少）或 "apply"（执行计划），而不是 "{value}"。',
    'cli.usage.policyNeedsRule':
      '策略需要一条限制删除范围的规则：--unused-for、--older-than、--keep-newest，或一个阈值（--over/--down-to 或 --free-below/--free-target）。',
    'cli.usage.policyNeedsThreshold':
      '--schedule over-threshold 需要一个阈值：--over/--down-to 或 --free-below/--free-target。',
    'cli.usage.policyInvalid': '策略无效：{field}：{problem}',
  },
};
