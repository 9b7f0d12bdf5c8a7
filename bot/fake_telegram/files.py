"""Stored uploads: file ids, photo sizes and the paths getFile hands out for download.

Telegram gives the same ``file_unique_id`` to the same content however often it is sent, while
``file_id`` values differ; bots that deduplicate photos depend on exactly that, so the unique id
is derived from a content hash and the file id from a counter.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
from dataclasses import dataclass, field

from bot.fake_telegram.objects import JSON, ApiError

DOWNLOAD_LIMIT = 20 * 1024 * 1024
"""Bots may download files up to 20 MB; getFile refuses anything larger."""
# Telegram's smaller renditions of a photo (longest side); the original comes last.
_THUMBNAIL_SIDES = (90, 320, 800)
_FALLBACK_SIZE = (1280, 960)


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes = field(repr=False)
    declared_size: int | None = None
    """A size stood in for bytes the tests need not hold (a 25 MB file)."""

    @property
    def size(self) -> int:
        return len(self.data) if self.declared_size is None else self.declared_size

    def as_json(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }


class FileStore:
    def __init__(self) -> None:
        self._files: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._photos: dict[str, list[JSON]] = {}
        self._documents: dict[str, JSON] = {}

    def get(self, file_id: str) -> StoredFile:
        try:
            return self._files[file_id]
        except KeyError:
            raise ApiError.bad_request("invalid file_id") from None

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)

    def add_photo(self, data: bytes) -> list[JSON]:
        """Store a photo as Telegram does: a few sizes, smallest first, the original last.

        Every size downloads as the original bytes; only the reported dimensions shrink.
        """
        width, height = _image_size(data)
        longest = max(width, height)
        digest = _digest(data)
        sides = [side for side in _THUMBNAIL_SIDES if side < longest][:2] or [longest // 2 or 1]
        sizes: list[JSON] = []
        for side in sides:
            scale = side / longest
            stored = self._store(data, f"AQAD{digest}{side}", "photos", ".jpg")
            sizes.append(stored.as_json() | _dims(width * scale, height * scale))
        sizes.append(self._store(data, f"AQAD{digest}", "photos", ".jpg").as_json())
        sizes[-1] |= {"width": width, "height": height}
        for size in sizes:
            self._photos[size["file_id"]] = sizes
        return sizes

    def add_document(
        self,
        data: bytes,
        file_name: str,
        mime_type: str | None = None,
        *,
        file_size: int | None = None,
    ) -> JSON:
        suffix = "." + file_name.rpartition(".")[2] if "." in file_name else ""
        unique = f"BQAD{_digest(data + str(file_size).encode())}"
        stored = self._store(data, unique, "documents", suffix, declared_size=file_size)
        document = stored.as_json() | {
            "file_name": file_name,
            "mime_type": mime_type
            or mimetypes.guess_type(file_name)[0]
            or "application/octet-stream",
        }
        self._documents[stored.file_id] = document
        return document

    def photo(self, file_id: str) -> list[JSON]:
        """The photo sizes behind any of its file ids, for re-sending a photo by file_id."""
        if file_id in self._photos:
            return self._photos[file_id]
        if file_id in self._documents:
            raise ApiError.bad_request("type of file mismatch")
        raise ApiError.bad_request("wrong file identifier/HTTP URL specified")

    def document(self, file_id: str) -> JSON:
        if file_id in self._documents:
            return self._documents[file_id]
        raise ApiError.bad_request("wrong file identifier/HTTP URL specified")

    def _store(
        self,
        data: bytes,
        unique_id: str,
        folder: str,
        suffix: str,
        *,
        declared_size: int | None = None,
    ) -> StoredFile:
        number = len(self._files) + 1
        stored = StoredFile(
            file_id=f"{unique_id[:4]}AgADfake{number:06d}",
            file_unique_id=unique_id,
            file_path=f"{folder}/file_{number}{suffix}",
            data=data,
            declared_size=declared_size,
        )
        self._files[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _dims(width: float, height: float) -> JSON:
    return {"width": max(1, round(width)), "height": max(1, round(height))}


def _image_size(data: bytes) -> tuple[int, int]:
    """The real dimensions when Pillow can read the bytes, else a typical phone photo's."""
    try:
        from PIL import Image
    except ImportError:
        return _FALLBACK_SIZE
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except OSError:
        return _FALLBACK_SIZE
