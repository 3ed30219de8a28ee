"""A .zip holding one CSV file: the CSV is extracted (size-capped) into the build folder and read as a CSV.

The source's sha256 is that of the .zip as read; the extracted file is opened once, like a raw file.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..errors import EtlError, excerpt
from ..inputs import Input
from ..paths import MAX_ZIP_MEMBER_BYTES, MAX_ZIP_RATIO


def _member(zf: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    data = [i for i in zf.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")
            and not Path(i.filename).name.startswith(".")]
    csvs = [i for i in data if i.filename.lower().endswith(".csv")]
    if len(data) != 1 or len(csvs) != 1:
        listed = ", ".join(excerpt(i.filename, 60) for i in data[:10]) or "nothing"
        raise EtlError(f"a .zip source must hold exactly one .csv file; this one holds {listed}", file=name,
                       hint="put one CSV in the archive, or extract the CSV into raw/ with its own sidecar")
    info = csvs[0]
    if info.file_size > MAX_ZIP_MEMBER_BYTES or info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1) + 2**20:
        raise EtlError(f"the archive's CSV declares {info.file_size:,} bytes uncompressed, more than the ETL "
                       "extracts from an archive of this size", file=name,
                       hint="extract the CSV yourself and put it in raw/ with its own sidecar")
    return info


def extract(inp: Input, folder: Path) -> Input:
    """The one CSV of the archive `inp`, extracted into `folder` and opened."""
    try:
        with inp.reader() as fh, zipfile.ZipFile(fh) as zf:
            info = _member(zf, inp.name)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{inp.fd}.csv"
            written = 0
            with zf.open(info) as src, open(target, "wb") as out:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    written += len(chunk)
                    if written > info.file_size:
                        raise EtlError("the archive's CSV is larger than it declares", file=inp.name,
                                       hint="the archive is damaged: download it again")
                    out.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise EtlError(f"cannot read the zip archive: {excerpt(exc, 120)}", file=inp.name,
                       hint="download the archive again, or extract its CSV into raw/ with its own sidecar") from None
    fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW)
    st = os.fstat(fd)
    return Input(f"{inp.name}: {excerpt(info.filename, 80)}", fd, st.st_size, st.st_mtime_ns)
