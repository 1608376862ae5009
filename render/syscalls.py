"""The render sandbox's system-call policy, and the Docker seccomp profile generated from it.

One source of truth: the seccomp filter that ``render/lockdown.py`` loads in every render
child, and ``docker/seccomp/render.json`` for the render worker container, both come from
the lists below (`python manage.py write_seccomp_profile` regenerates the JSON; a test
checks that the file matches).

The allowlist is Docker's default profile without the calls that have no business in a
renderer: ptrace, mount, kexec, bpf, keyrings, reboot, swap, namespaces (setns/unshare),
personality, kernel modules, perf, userfaultfd, cross-process memory access, io_uring and
the like. Everything not listed fails with EPERM.
"""

from __future__ import annotations

import json

ALLOWED = (
    # NUMA memory policy: harmless, and OpenBLAS/numpy call mbind (found by the strace parity test).
    "mbind", "get_mempolicy", "set_mempolicy",
    'accept', 'accept4', 'access', 'adjtimex', 'alarm', 'bind', 'brk', 'capget', 'capset',
    'chdir', 'chmod', 'chown', 'clock_adjtime', 'clock_getres', 'clock_gettime',
    'clock_nanosleep', 'close', 'close_range', 'connect', 'copy_file_range', 'creat', 'dup',
    'dup2', 'dup3', 'epoll_create', 'epoll_create1', 'epoll_ctl', 'epoll_ctl_old',
    'epoll_pwait', 'epoll_pwait2', 'epoll_wait', 'epoll_wait_old', 'eventfd', 'eventfd2',
    'execve', 'execveat', 'exit', 'exit_group', 'faccessat', 'faccessat2', 'fadvise64',
    'fallocate', 'fanotify_mark', 'fchdir', 'fchmod', 'fchmodat', 'fchown', 'fchownat', 'fcntl',
    'fdatasync', 'fgetxattr', 'flistxattr', 'flock', 'fork', 'fremovexattr', 'fsetxattr',
    'fstat', 'fstatfs', 'fsync', 'ftruncate', 'futex', 'futex_waitv', 'futimesat',
    'get_robust_list', 'getcpu', 'getcwd', 'getdents', 'getdents64', 'getegid', 'geteuid',
    'getgid', 'getgroups', 'getitimer', 'getpeername', 'getpgid', 'getpgrp', 'getpid',
    'getppid', 'getpriority', 'getrandom', 'getresgid', 'getresuid', 'getrlimit', 'getrusage',
    'getsid', 'getsockname', 'getsockopt', 'gettid', 'gettimeofday', 'getuid', 'getxattr',
    'inotify_add_watch', 'inotify_init', 'inotify_init1', 'inotify_rm_watch', 'io_cancel',
    'io_destroy', 'io_getevents', 'io_pgetevents', 'io_setup', 'io_submit', 'ioctl',
    'ioprio_get', 'ioprio_set', 'kill', 'landlock_add_rule', 'landlock_create_ruleset',
    'landlock_restrict_self', 'lchown', 'lgetxattr', 'link', 'linkat', 'listen', 'listxattr',
    'llistxattr', 'lremovexattr', 'lseek', 'lsetxattr', 'lstat', 'madvise', 'membarrier',
    'memfd_create', 'memfd_secret', 'mincore', 'mkdir', 'mkdirat', 'mknod', 'mknodat', 'mlock',
    'mlock2', 'mlockall', 'mmap', 'mprotect', 'mq_getsetattr', 'mq_notify', 'mq_open',
    'mq_timedreceive', 'mq_timedsend', 'mq_unlink', 'mremap', 'msgctl', 'msgget', 'msgrcv',
    'msgsnd', 'msync', 'munlock', 'munlockall', 'munmap', 'nanosleep', 'newfstatat', 'open',
    'openat', 'openat2', 'pause', 'pidfd_open', 'pidfd_send_signal', 'pipe', 'pipe2',
    'pkey_alloc', 'pkey_free', 'pkey_mprotect', 'poll', 'ppoll', 'prctl', 'pread64', 'preadv',
    'preadv2', 'prlimit64', 'process_mrelease', 'pselect6', 'pwrite64', 'pwritev', 'pwritev2',
    'read', 'readahead', 'readlink', 'readlinkat', 'readv', 'recvfrom', 'recvmmsg', 'recvmsg',
    'remap_file_pages', 'removexattr', 'rename', 'renameat', 'renameat2', 'restart_syscall',
    'rmdir', 'rseq', 'rt_sigaction', 'rt_sigpending', 'rt_sigprocmask', 'rt_sigqueueinfo',
    'rt_sigreturn', 'rt_sigsuspend', 'rt_sigtimedwait', 'rt_tgsigqueueinfo',
    'sched_get_priority_max', 'sched_get_priority_min', 'sched_getaffinity', 'sched_getattr',
    'sched_getparam', 'sched_getscheduler', 'sched_rr_get_interval', 'sched_setaffinity',
    'sched_setattr', 'sched_setparam', 'sched_setscheduler', 'sched_yield', 'seccomp', 'select',
    'semctl', 'semget', 'semop', 'semtimedop', 'sendfile', 'sendmmsg', 'sendmsg', 'sendto',
    'set_robust_list', 'set_tid_address', 'setfsgid', 'setfsuid', 'setgid', 'setgroups',
    'setitimer', 'setpgid', 'setpriority', 'setregid', 'setresgid', 'setresuid', 'setreuid',
    'setrlimit', 'setsid', 'setsockopt', 'setuid', 'setxattr', 'shmat', 'shmctl', 'shmdt',
    'shmget', 'shutdown', 'sigaltstack', 'signalfd', 'signalfd4', 'socketpair', 'splice',
    'stat', 'statfs', 'statx', 'symlink', 'symlinkat', 'sync', 'sync_file_range', 'syncfs',
    'sysinfo', 'tee', 'tgkill', 'time', 'timer_create', 'timer_delete', 'timer_getoverrun',
    'timer_gettime', 'timer_settime', 'timerfd_create', 'timerfd_gettime', 'timerfd_settime',
    'times', 'tkill', 'truncate', 'umask', 'uname', 'unlink', 'unlinkat', 'utime', 'utimensat',
    'utimes', 'vfork', 'vmsplice', 'wait4', 'waitid', 'write', 'writev'
)

# Named here so a reader (and the tests) can see what is refused on purpose.
DENIED = (
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "mount", "umount2", "mount_setattr", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount",
    "fspick", "pivot_root", "chroot", "setns", "unshare",
    "kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff", "acct", "syslog",
    "bpf", "perf_event_open", "userfaultfd", "personality", "lookup_dcookie",
    "keyctl", "add_key", "request_key",
    "init_module", "finit_module", "delete_module", "create_module", "query_module",
    "iopl", "ioperm", "quotactl", "quotactl_fd", "open_by_handle_at", "name_to_handle_at",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "modify_ldt", "vhangup",
    "settimeofday", "clock_settime", "adjtimex", "clock_adjtime", "sethostname", "setdomainname",
    "nfsservctl", "uselib", "ustat", "sysfs", "_sysctl", "get_kernel_syms", "vm86", "vm86old",
)

AF_UNIX = 1
AF_INET = 2
AF_INET6 = 10
AF_NETLINK = 16
# CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET
CLONE_NAMESPACE_FLAGS = 0x7E020000
ENOSYS = 38
EPERM = 1

# Refused in render children on top of DENIED, though the worker container may use them.
# No sockets at all (socketpair() stays, Python uses it): Landlock does not govern connect()
# to a pathname UNIX socket, so an AF_UNIX socket could reach host daemons (a local
# PostgreSQL with trust auth, syslog). No SysV/POSIX IPC objects: they would outlive the job
# and be shared with other jobs. Both found by the hostile suite.
SANDBOX_DENIED = (
    "socket", "connect", "bind", "listen", "accept", "accept4",
    "shmget", "shmat", "shmctl", "shmdt", "msgget", "msgsnd", "msgrcv", "msgctl",
    "semget", "semop", "semtimedop", "semctl", "mq_open", "mq_unlink", "mq_timedsend",
    "mq_timedreceive", "mq_notify", "mq_getsetattr",
)
# The worker container also talks to PostgreSQL and Redis.
CONTAINER_SOCKET_FAMILIES = (AF_UNIX, AF_INET, AF_INET6, AF_NETLINK)


def allowed_syscalls() -> tuple[str, ...]:
    denied = set(DENIED)
    return tuple(name for name in ALLOWED if name not in denied)


def sandbox_syscalls() -> tuple[str, ...]:
    """What a render child may call by name (socket, clone and clone3 get argument rules)."""
    refused = set(SANDBOX_DENIED)
    return tuple(name for name in allowed_syscalls() if name not in refused)


def docker_profile() -> dict:
    """The Docker seccomp profile of the render worker container."""
    families = CONTAINER_SOCKET_FAMILIES
    return {
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": EPERM,
        "archMap": [
            {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": None},
            {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": None},
        ],
        "syscalls": [
            {
                "names": list(allowed_syscalls()),
                "action": "SCMP_ACT_ALLOW",
                "comment": "Generated by render/syscalls.py: Docker's default allow list minus render/syscalls.DENIED.",
            },
            *(
                {
                    "names": ["socket"],
                    "action": "SCMP_ACT_ALLOW",
                    "args": [{"index": 0, "value": family, "op": "SCMP_CMP_EQ"}],
                    "comment": f"socket family {family}; render children may open no sockets at all",
                }
                for family in families
            ),
            {
                "names": ["clone"],
                "action": "SCMP_ACT_ALLOW",
                "args": [{"index": 0, "value": CLONE_NAMESPACE_FLAGS, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}],
                "comment": "threads and processes only: no CLONE_NEW* namespace flags",
            },
            {
                "names": ["clone3"],
                "action": "SCMP_ACT_ERRNO",
                "errnoRet": ENOSYS,
                "comment": "its flags live in memory seccomp cannot inspect; glibc falls back to clone",
            },
            {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64"]}},
        ],
    }


def docker_profile_json() -> str:
    return json.dumps(docker_profile(), indent=2) + "\n"
