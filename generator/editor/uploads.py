"""Received files: kept under a random name in the editor's folder (the name the browser sent is only ever shown, as
text), within the importer's size limit, with page images of a PDF or a scan for the review screen."""

from __future__ import annotations

import re
import secrets
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from generator.editor.importing import FORMATS, MAX_PAGE_PIXELS, MAX_PAGES, MAX_SOURCE_BYTES, is_image
from generator.editor.state import private_folder

CHUNK = 1 << 16
# Page images: at most this many pages, this wide; a page claiming more pixels than the importer renders is not drawn.
IMAGE_PAGES = 30
IMAGE_WIDTH = 900
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class UploadError(ValueError):
    """A file that is refused before reading; the message says why."""


@dataclass(frozen=True)
class Upload:
    token: str
    folder: Path
    suffix: str
    shown_name: str

    @property
    def path(self) -> Path:
        return self.folder / f"tep{self.suffix}"


def shown_name(name: str) -> str:
    """A browser's file name as text to show: its last part, without control or format characters, at most 120."""
    last = re.split(r"[\\/]", name)[-1]
    cleaned = "".join(char for char in unicodedata.normalize("NFC", last) if unicodedata.category(char)[0] != "C")
    return " ".join(cleaned.split())[:120] or "tệp không tên"


def suffix_of(name: str) -> str:
    """The file's kind by the end of its name, when it is one the importer reads; UploadError otherwise."""
    match = re.search(r"\.([A-Za-z]{2,4})$", name.strip())
    suffix = f".{match.group(1).lower()}" if match else ""
    if suffix not in FORMATS:
        kinds = ", ".join(FORMATS)
        raise UploadError(f'Không nhận tệp "{shown_name(name)}": chỉ nhận các loại {kinds}.')
    return suffix


def receive(folder: Path, name: str, stream: IO[bytes]) -> Upload:
    """Copy an uploaded file into a new random folder, refusing it past the size limit."""
    suffix = suffix_of(name)
    token = secrets.token_urlsafe(18)
    upload = Upload(token, private_folder(folder / token), suffix, shown_name(name))
    written = 0
    with upload.path.open("wb") as target:
        while chunk := stream.read(CHUNK):
            written += len(chunk)
            if written > MAX_SOURCE_BYTES:
                target.close()
                discard(upload)
                limit = f"{MAX_SOURCE_BYTES >> 20} MiB"
                raise UploadError(f'Tệp "{upload.shown_name}" quá lớn: tối đa {limit}. Hãy tách tệp hoặc nén ảnh quét.')
            target.write(chunk)
    upload.path.chmod(0o600)
    if written == 0:
        discard(upload)
        raise UploadError(f'Tệp "{upload.shown_name}" rỗng.')
    return upload


def receive_text(folder: Path, text: str) -> Upload:
    """Pasted text, kept as a .txt file."""
    token = secrets.token_urlsafe(18)
    upload = Upload(token, private_folder(folder / token), ".txt", "văn bản dán vào")
    data = text.encode("utf-8")
    if len(data) > MAX_SOURCE_BYTES:
        discard(upload)
        raise UploadError(f"Văn bản dán vào quá dài: tối đa {MAX_SOURCE_BYTES >> 20} MiB.")
    upload.path.write_bytes(data)
    upload.path.chmod(0o600)
    return upload


def find(folder: Path, token: str, suffix: str, name: str) -> Upload | None:
    if not TOKEN.fullmatch(token) or suffix not in FORMATS or not (folder / token).is_dir():
        return None
    return Upload(token, folder / token, suffix, name)


def discard(upload: Upload) -> None:
    shutil.rmtree(upload.folder, ignore_errors=True)


def page_images(upload: Upload) -> int:
    """Draw the pages of a PDF or a scan as PNG files beside it (page-1.png, …); return how many were drawn."""
    if upload.suffix == ".pdf":
        return _pdf_pages(upload)
    if is_image(upload.suffix):
        return _image_pages(upload)
    return 0


def page_image(upload: Upload, page: int) -> Path | None:
    path = upload.folder / f"trang-{page}.png"
    return path if 1 <= page <= IMAGE_PAGES and path.is_file() else None


def _pdf_pages(upload: Upload) -> int:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(upload.path))
    except pypdfium2.PdfiumError:
        return 0
    drawn = 0
    try:
        for index in range(min(len(document), IMAGE_PAGES, MAX_PAGES)):
            page = document[index]
            width, height = page.get_size()
            scale = IMAGE_WIDTH / max(width, 1.0)
            if width * height * scale * scale > MAX_PAGE_PIXELS:
                continue  # a page claiming a size no paper has: not drawn
            page.render(scale=scale).to_pil().save(upload.folder / f"trang-{index + 1}.png")
            drawn += 1
    finally:
        document.close()
    return drawn


def _image_pages(upload: Upload) -> int:
    from PIL import Image, UnidentifiedImageError

    drawn = 0
    try:
        with Image.open(upload.path) as image:
            for index in range(min(getattr(image, "n_frames", 1), IMAGE_PAGES)):
                image.seek(index)
                frame = image.convert("RGB")
                frame.thumbnail((IMAGE_WIDTH, IMAGE_WIDTH * 2))
                frame.save(upload.folder / f"trang-{index + 1}.png")
                drawn += 1
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, EOFError, ValueError):
        pass
    return drawn
