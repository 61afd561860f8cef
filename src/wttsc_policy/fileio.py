"""File I/O at the edges, in one place: inputs read safely within a size bound; outputs
never onto an input, never over a file unless asked, and written as one atomic set.

Reading: a path is opened once, without blocking, and must be a regular file (a FIFO, a device such as /dev/zero
behind a symlink, or a socket is refused, never read until memory runs out or waited on for ever); at most the
limit plus one byte is read, whatever the file claims its size is.

Writing: every output of a run (the redline and its notes; a report) goes to a
temporary file beside its target first; only when all are complete are they renamed
into place, one after the other, with nothing in between that can fail on its own. A
failure (a full disk, an interrupt, SIGTERM) removes the temporaries: the run's outputs
appear together or not at all, and an output that existed is left as it was. An output
that is a symbolic link is refused (the link would be replaced by a plain file, or a
file elsewhere overwritten); a character device such as /dev/null or a terminal is
written to directly, never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from wttsc_policy.errors import InputError, OutputError
from wttsc_policy.records import field, record

# What a file is by its first bytes: Word packages are zips; old .doc and encrypted Word
# files are OLE2 compound files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def real_path(path: Path | str) -> Path:
    """The path with symlinks resolved, never raising (a loop is left unresolved; the
    open that follows reports it)."""
    return Path(os.path.realpath(path))


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "file not found"
    if exc.errno == errno.ELOOP:
        return "cannot read the file (a loop of symbolic links)"
    if exc.errno == errno.ENAMETOOLONG:
        return "cannot read the file (the name is too long)"
    return f"cannot read the file ({exc.strerror or exc})"


def stat_input(path: Path) -> os.stat_result:
    """os.stat of an input (symlinks followed), or an InputError naming it."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(_reason(exc), path) from None
    except ValueError:  # an embedded NUL in the name
        raise InputError("the file name is not valid", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file", path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (a pipe, device or socket); refusing to read it", path)
    return info


def read_input_bytes(path: Path, max_bytes: int, key: str = "max_file_bytes") -> bytes:
    """A whole input file, refused when it is over `max_bytes` (named by config `key`)."""
    stat_input(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(_reason(exc), path) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):  # swapped between the stat and the open
            raise InputError("is not a regular file (a pipe, device or socket); refusing to read it", path)
        if info.st_size > max_bytes:
            raise _too_big(path, info.st_size, max_bytes, key)
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(_reason(exc), path) from None
    if len(data) > max_bytes:
        raise _too_big(path, len(data), max_bytes, key)
    return data


def _too_big(path: Path, size: int, limit: int, key: str) -> InputError:
    mib = 1024 * 1024
    where = f"{key} in config" if key.startswith("max_") else key
    return InputError(f"the file is {size / mib:.1f} MiB, over the {limit / mib:g} MiB limit ({where})", path)


# --------------------------------------------------------------------------- outputs


def _is_stream(path: Path) -> bool:
    """A character device or FIFO (after symlinks): written to, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_output_path(output: Path, *, inputs: Sequence[Path] = (), force: bool = False) -> None:
    """Refuse an output that is an input, exists (unless force), is a symlink to a file,
    or cannot be written."""
    output = Path(output)
    if "\n" in str(output) or "\r" in str(output):
        raise OutputError("the output name contains a line break; choose another name", repr(str(output)))
    for src in inputs:
        try:
            same = real_path(output) == real_path(src) or (output.exists() and output.samefile(src))
        except (OSError, ValueError):
            same = False
        if same:
            raise OutputError("the output path is the input file; the input is never overwritten", output)
    if _is_stream(output):
        return  # /dev/null, /dev/stdout, a terminal: written to, not replaced
    if output.is_symlink():
        raise OutputError(
            "is a symbolic link; give the path of the file itself (a link is never replaced or followed)", output
        )
    if output.is_dir():
        raise OutputError("the output path is a folder", output)
    if output.exists() and not force:
        raise OutputError("already exists; use --force to overwrite it", output)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("the output folder does not exist", folder)
    if not os.access(folder, os.W_OK):
        raise OutputError("the output folder is not writable", folder)


@record
class OutputSet:
    """The outputs of one run, staged as temporaries and committed together."""

    inputs: Sequence[Path] = ()
    force: bool = False
    in_place: Path | None = None  # the one output allowed to be an input (--in-place)
    _staged: list[tuple[Path, str | None, bytes]] = field(default_factory=list)

    def add(self, output: Path, data: bytes | str) -> None:
        """Stage `data` for `output` (checked now, written at commit)."""
        output = Path(output)
        if self.in_place is not None and output == self.in_place:
            output = real_path(output)  # --in-place edits the file a link points at
            check_output_path(output, inputs=[], force=True)
        else:
            check_output_path(output, inputs=self.inputs, force=self.force)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self._staged.append((output, None, payload))

    def commit(self) -> None:
        """Write every staged output to a temporary beside it, then rename them all into
        place. On any failure or signal the temporaries are removed and no target that
        was not yet renamed changes."""
        temps: list[tuple[Path, str | None, bytes]] = []
        with _signals_as_interrupt():
            try:
                for output, _, payload in self._staged:
                    temps.append((output, None if _is_stream(output) else _write_temp(output, payload), payload))
                _fault_point("before-rename")
                with _signals_blocked():  # the renames run back to back, never half done
                    for output, tmp, payload in temps:
                        if tmp is None:
                            _write_stream(output, payload)
                        else:
                            os.replace(tmp, output)
            except BaseException:
                for _, tmp, _ in temps:
                    if tmp is not None:
                        with contextlib.suppress(OSError):
                            os.unlink(tmp)
                raise
        self._staged.clear()


def _write_temp(output: Path, data: bytes) -> str:
    folder = output.parent if str(output.parent) else Path(".")
    try:
        import tempfile  # only when something is written: not on a warm check's path

        fd, tmp = tempfile.mkstemp(prefix=f".{output.name[:100]}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # read-only file system, quota, permissions root does not bypass
        raise OutputError(f"cannot write in the output folder ({exc.strerror})", folder) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            _fault_point("writing")
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise OutputError("the disk is full; nothing was written", output) from None
        raise OutputError(f"cannot write the file ({exc.strerror})", output) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _write_stream(output: Path, data: bytes) -> None:
    try:
        fd = os.open(output, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError("is a pipe nobody reads from", output) from None
        raise OutputError(f"cannot write to it ({exc.strerror})", output) from None
    with os.fdopen(fd, "wb") as fh:
        os.set_blocking(fh.fileno(), True)
        fh.write(data)


@contextlib.contextmanager
def _signals_as_interrupt() -> Iterator[None]:
    """SIGTERM (and SIGHUP) become KeyboardInterrupt while outputs are written, so the
    clean-up above runs instead of the process dying with temporaries left behind."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, interrupt)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP until the block ends (they are delivered after it)."""
    sigs = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _fault_point(where: str) -> None:
    """Test hook: WTTSC_POLICY_FAULT=pause-<where> sleeps here (so a test can send a
    signal mid-write); =enospc-<where> fails as a full disk would. Inert otherwise."""
    fault = os.environ.get("WTTSC_POLICY_FAULT", "")
    if not fault.endswith(where):
        return
    if fault.startswith("pause-"):
        import time

        ready = os.environ.get("WTTSC_POLICY_FAULT_READY")
        if ready:
            Path(ready).touch()
        time.sleep(30)
    elif fault.startswith("enospc-"):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def write_outputs(
    outputs: Sequence[tuple[Path, bytes | str]],
    *,
    inputs: Sequence[Path] = (),
    force: bool = False,
    in_place: Path | None = None,
) -> None:
    """Write several outputs as one atomic set (see OutputSet)."""
    staged = OutputSet(inputs=inputs, force=force, in_place=in_place)
    for output, data in outputs:
        staged.add(output, data)
    staged.commit()


def write_bytes_atomic(output: Path, data: bytes, *, inputs: Sequence[Path] = (), force: bool = False) -> None:
    """One output, written atomically."""
    write_outputs([(output, data)], inputs=inputs, force=force)


def write_text_atomic(output: Path, text: str, *, inputs: Sequence[Path] = (), force: bool = False) -> None:
    write_bytes_atomic(output, text.encode("utf-8"), inputs=inputs, force=force)
