"""The files of raw/, opened safely: regular files only, no link followed, hashed as read.

Each data file is opened once, without following a symbolic link (O_NOFOLLOW, relative to raw/ itself), and
every reader reads that open file: DuckDB through /proc/self/fd/<n> (so a name such as `glob[1].csv` is
never a pattern, and a path with a quote never meets SQL), Python readers through the same descriptor.
The sha256 recorded in `sources` is computed from that descriptor, and the file's size and modification
time are checked again after reading: a file replaced while the run reads it is the file that was read; a
file changed in place stops the run.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import EtlError
from .paths import IGNORED_FILES, MAX_SIDECAR_BYTES, SIDECAR_SUFFIX

_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0)


def _not_regular(name: str, mode: int) -> EtlError:
    if stat.S_ISLNK(mode):
        return EtlError("is a symbolic link; the ETL reads only regular files in raw/ and never follows a link",
                        file=name, hint="replace the link by a copy of the file it points to")
    return EtlError("is not a regular file (a device, pipe or socket)", file=name,
                    hint="keep only data files and their sidecars in raw/")


class RawDir:
    """raw/ opened as a directory; files are opened relative to it, never through a link."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except FileNotFoundError:
            raise EtlError(f"no raw data folder at {path}",
                           hint="pass --data-dir DIR where DIR/raw/ holds the sources") from None
        except (NotADirectoryError, OSError) as exc:
            if isinstance(exc, NotADirectoryError) or exc.errno in (20, 40):   # ENOTDIR, ELOOP (a link)
                raise EtlError(f"{path} is not a folder (or is a symbolic link)",
                               hint="make raw/ a real folder holding the data files and their sidecars") from None
            raise

    def close(self) -> None:
        os.close(self.fd)

    def entries(self) -> tuple[list[str], list[str]]:
        """(data file names, sidecar names), sorted; a link or a special file stops the run."""
        data, sides = [], []
        with os.scandir(self.fd) as it:
            for e in it:
                if e.name.startswith("."):
                    continue
                st = e.stat(follow_symlinks=False)
                if stat.S_ISDIR(st.st_mode):
                    continue                       # (sub-folders are not read)
                if not stat.S_ISREG(st.st_mode):
                    raise _not_regular(e.name, st.st_mode)
                if e.name.endswith(SIDECAR_SUFFIX):
                    sides.append(e.name)
                elif e.name not in IGNORED_FILES:
                    data.append(e.name)
        return sorted(data), sorted(sides)

    def open(self, name: str) -> int:
        try:
            fd = os.open(name, _FLAGS, dir_fd=self.fd)
        except OSError as exc:
            if exc.errno == 40:                    # ELOOP: the name is a link
                raise _not_regular(name, stat.S_IFLNK) from None
            raise
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise _not_regular(name, st.st_mode)
        return fd

    def read_small(self, name: str, limit: int = MAX_SIDECAR_BYTES) -> bytes:
        """The bytes of a small file (a sidecar), refusing one larger than `limit`."""
        fd = self.open(name)
        try:
            size = os.fstat(fd).st_size
            if size > limit:
                raise EtlError(f"is {size:,} bytes; a sidecar holds at most {limit:,}", file=name,
                               hint="keep the sidecar to its provenance fields; long notes belong in SOURCES.md")
            with os.fdopen(os.dup(fd), "rb") as fh:
                return fh.read(limit + 1)
        finally:
            os.close(fd)


@dataclass
class Input:
    """One data file of raw/, open for the whole run."""

    name: str
    fd: int
    size: int
    mtime_ns: int
    sha256: str = ""

    @classmethod
    def open(cls, raw: RawDir, name: str) -> "Input":
        fd = raw.open(name)
        st = os.fstat(fd)
        return cls(name, fd, st.st_size, st.st_mtime_ns)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def path(self) -> str:
        """A name of this open file for readers that take a path (DuckDB): the descriptor, not raw/<name>."""
        return f"/proc/self/fd/{self.fd}"

    def reader(self):
        """A new binary file object on this file, positioned at its start."""
        return open(self.path, "rb")      # (a fresh open of the same file: its own position)

    def head(self, n: int = 4096) -> bytes:
        return os.pread(self.fd, n, 0)

    def hash(self) -> str:
        h = hashlib.sha256()
        with self.reader() as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        self.sha256 = h.hexdigest()
        return self.sha256

    def check_unchanged(self) -> None:
        st = os.fstat(self.fd)
        if (st.st_size, st.st_mtime_ns) != (self.size, self.mtime_ns):
            raise EtlError("changed while the ETL was reading it", file=self.name,
                           hint="wait until the file is completely copied into raw/, then run again")

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass


def check_proc() -> None:
    if not Path("/proc/self/fd").is_dir():
        raise EtlError("/proc/self/fd is not available: the ETL reads each raw file through its open descriptor",
                       hint="run the ETL on Linux (or in a Linux container)")
