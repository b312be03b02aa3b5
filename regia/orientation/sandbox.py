"""Run a parser on untrusted bytes in a forked child with bounded time and memory.

A hostile file (zip bomb, deeply nested PDF, huge page to render) can make a C library spin or allocate
without end, and Python cannot interrupt C code. The child gets an address-space and CPU limit and its
own process group (so the tesseract processes it starts die with it); the parent kills the group when
the deadline passes. Whatever goes wrong, the parent sees an `InputError`, never a crash.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import time
import warnings
from collections.abc import Callable
from typing import Any

from regia.errors import InputError

MAX_RESULT_BYTES = 20 * 1024 * 1024


def _address_space() -> int:
    """Current virtual size of this process in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(write_fd: int, func: Callable, args: tuple, memory_mb: int, cpu_s: int) -> None:
    os.setpgid(0, 0)
    limit = _address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    try:
        outcome: tuple = ("ok", func(*args))
    except InputError as exc:
        outcome = ("input", exc.message, exc.field)
    except MemoryError:
        outcome = ("memory",)
    except RecursionError:
        outcome = ("recursion",)
    except Exception as exc:  # a parser failing on a malformed file: reported as unreadable
        outcome = ("error", type(exc).__name__)
    payload = pickle.dumps(outcome)
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(payload)


def run_bounded(
    func: Callable[..., Any], *args: Any, timeout_s: float, memory_mb: int, what: str = "Le fichier"
) -> Any:
    """``func(*args)`` computed in a child process; raises `InputError` on any failure of the child."""
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        # JAX (loaded by the video capability) warns on any fork because of its threads; the child
        # never calls JAX, Python resets its own locks after a fork, and the readers start no thread.
        warnings.filterwarnings("ignore", message=r"os\.fork\(\) was called", category=RuntimeWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which leaves through os._exit only
        code = 0
        try:
            os.close(read_fd)
            _child(write_fd, func, args, memory_mb, max(1, int(timeout_s) + 1))
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    chunks, size, timed_out = [], 0, False
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_fd], [], [], left)[0]:
                timed_out = True
                break
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_RESULT_BYTES:
                timed_out = True  # a runaway child: treat like a timeout
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            _kill_group(pid)
        os.waitpid(pid, 0)
    if timed_out:
        raise InputError(
            f"{what} est trop long ou trop lourd à lire (plus de {timeout_s:.0f} s) : "
            "envoyez un PDF ou un DOCX plus simple.",
            "file",
        )
    if not chunks:
        raise InputError(f"{what} est illisible ou trop lourd à lire : envoyez un autre PDF ou DOCX.", "file")
    outcome = pickle.loads(b"".join(chunks))
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "input":
        raise InputError(outcome[1], outcome[2])
    if kind == "recursion":
        raise InputError(f"{what} a une structure trop profonde (fichier piégé ou corrompu).", "file")
    if kind == "memory":
        raise InputError(f"{what} demande trop de mémoire pour être lu (fichier piégé ?).", "file")
    raise InputError(f"{what} est corrompu ou illisible ({outcome[1]}).", "file")


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
