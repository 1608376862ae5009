"""The sandbox's syscall filter allows what real scenes use, and Docker's profile is generated from it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from render import syscalls

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
# Allowed by argument-checking rules rather than by name (see render/syscalls.py).
RULED = {"clone", "clone3", "arch_prctl"}
# Refused in render children on purpose: under the plain CLI they are glibc's nscd lookups
# (which fall back to files when refused) and the CLI's update check over DNS. The golden
# scenes render in the sandbox all the same (tests/render/test_golden.py).
REFUSED_ON_PURPOSE = set(syscalls.SANDBOX_DENIED)
SYSCALL = re.compile(r"^\d+\s+(?:<\.\.\. )?([a-z_][a-z0-9_]*)[( ]")


def test_it_keeps_the_docker_profile_generated_from_the_sandbox_policy():
    call_command("write_seccomp_profile", "--check")


def test_it_refuses_the_dangerous_calls_by_name():
    allowed = set(syscalls.allowed_syscalls())
    for name in ("ptrace", "mount", "umount2", "kexec_load", "bpf", "keyctl", "reboot", "swapon", "setns",
                 "unshare", "personality", "init_module", "finit_module", "delete_module", "perf_event_open",
                 "userfaultfd", "process_vm_readv", "open_by_handle_at", "io_uring_setup"):
        assert name not in allowed, name


@pytest.mark.render
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is installed by scripts/install-system.sh")
@pytest.mark.parametrize("scene", ["01_*.py", "03_*.py", "05_*.py"])
def test_it_allows_every_syscall_a_golden_scene_makes(scene, tmp_path):
    path = next(GOLDEN.glob(scene))
    trace = tmp_path / "trace.txt"
    subprocess.run(
        ["strace", "-f", "-qq", "-o", str(trace), sys.executable, "-m", "manim", "render", "-ql",
         "--disable_caching", "--media_dir", str(tmp_path / "media"), str(path)],
        cwd=tmp_path, check=True, capture_output=True, timeout=300,
    )
    used = set()
    for line in trace.read_text(errors="replace").splitlines():
        match = SYSCALL.match(line)
        if match and match.group(1) not in ("exited", "killed", "resumed"):
            used.add(match.group(1))
    assert "openat" in used and "mmap" in used  # the trace really is a syscall trace
    assert used & REFUSED_ON_PURPOSE <= {"socket", "connect"}, used & REFUSED_ON_PURPOSE
    missing = used - set(syscalls.sandbox_syscalls()) - RULED - REFUSED_ON_PURPOSE
    assert not missing, f"{path.name} uses syscalls the sandbox refuses: {sorted(missing)}"
