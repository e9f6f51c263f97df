"""A scan's pages as images for recognition, one at a time, each checked before it is rendered or decoded: the
page count, the page's size in pixels at the resolution it is read at, and a resolution that can be used."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from generator.intake.limits import MAX_PAGE_PIXELS, MAX_SCAN_PAGES, MIN_SCAN_DPI, counted
from generator.intake.source import SourceError, unreadable_pdf

if TYPE_CHECKING:
    from PIL.Image import Image

# Scans are read at this resolution unless the page would be too large in pixels.
RENDER_DPI = 300
# An image that does not say its resolution was scanned at this.
DEFAULT_DPI = 300.0


def check_pages(name: str, count: int) -> None:
    if count > MAX_SCAN_PAGES:
        raise SourceError(f"Tệp {name} có {counted(count)} trang; một bản quét tối đa {MAX_SCAN_PAGES} trang. Hãy tách tệp.")


def render_dpi(name: str, width_points: float, height_points: float, page: int) -> float:
    """The resolution a page of this size (in points) is rendered at: RENDER_DPI, or less for a large page so that
    it stays within MAX_PAGE_PIXELS; SourceError for a page so large that it would need less than MIN_SCAN_DPI."""
    square_inches = max(width_points, 1.0) * max(height_points, 1.0) / (72.0 * 72.0)
    dpi = min(float(RENDER_DPI), math.sqrt(MAX_PAGE_PIXELS / square_inches))
    if dpi < MIN_SCAN_DPI:
        size = f"{width_points / 72 * 2.54:.0f} × {height_points / 72 * 2.54:.0f} cm"
        raise SourceError(f"Trang {page} của tệp {name} rộng {size}; trang quét tối đa cỡ A0. Hãy quét lại từng trang A4.")
    return dpi


def pdf_pages(path: Path) -> Iterator[tuple[Image, float]]:
    """A scanned PDF's pages as images, rendered one at a time."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        raise unreadable_pdf(path.name) from None
    check_pages(path.name, len(document))
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        dpi = render_dpi(path.name, width, height, index + 1)
        yield page.render(scale=dpi / 72).to_pil(), dpi


def image_pages(path: Path) -> Iterator[tuple[Image, float]]:
    """The frames of an image file (a TIFF holds one a page), each with its resolution, checked for size before
    it is decoded."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    PILImage.MAX_IMAGE_PIXELS = MAX_PAGE_PIXELS  # decoding more is refused (DecompressionBombError) at twice this
    try:
        image = PILImage.open(path)
        frames = getattr(image, "n_frames", 1)
        check_pages(path.name, frames)
        for index in range(frames):
            image.seek(index)
            if image.width * image.height > MAX_PAGE_PIXELS:
                raise SourceError(
                    f"Trang {index + 1} của tệp {path.name} có {counted(image.width * image.height)} điểm ảnh; "
                    f"tối đa {counted(MAX_PAGE_PIXELS)} (một trang A3 quét 300 dpi). Hãy quét lại ở 300 dpi."
                )
            yield image.copy(), _resolution(image.info.get("dpi"))
    except (
        UnidentifiedImageError,
        OSError,
        PILImage.DecompressionBombError,
        EOFError,
        ValueError,
        ZeroDivisionError,
        SyntaxError,
    ) as error:
        # A decompression bomb (a small file that claims billions of pixels), a broken frame, a resolution of 0/0.
        why = (
            "ảnh khai báo nhiều điểm ảnh hơn mọi trang giấy"
            if isinstance(error, PILImage.DecompressionBombError)
            else ("tệp hỏng, bị cắt dở hoặc không phải ảnh")
        )
        raise SourceError(f"Tệp {path.name} không đọc được như một ảnh ({why}); hãy quét lại thành .png, .jpg hoặc .tif.") from None


def _resolution(dpi: object) -> float:
    """The resolution an image states, or DEFAULT_DPI when it states none that can be used (0, 0/0, absurd)."""
    try:
        value = float(dpi[0]) if isinstance(dpi, tuple) and dpi else 0.0
    except (TypeError, ValueError, ZeroDivisionError):
        return DEFAULT_DPI
    return value if 50 <= value <= 2400 else DEFAULT_DPI
