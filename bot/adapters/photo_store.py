"""Copies of visit photos, in a folder or an S3-compatible bucket.

Telegram's file ids are no archive: albums and contact sheets read the photos back weeks later.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

S3_SCHEME = "s3://"
# They refuse path-style requests (OSS: "SecondLevelDomainForbidden"; COS for new buckets).
VIRTUAL_HOSTED_ONLY = (".aliyuncs.com", ".myqcloud.com")
# What S3 answers for an absent object: get_object says NoSuchKey, head_object only its status.
MISSING_CODES = frozenset({"NoSuchKey", "404", "NotFound"})


class PhotoMissing(LookupError):
    """No photo is stored under the key (a lost file, or one that was never kept)."""


class PhotoStoreError(Exception):
    """The store could not keep or read a photo: a full disk, a bucket out of reach, keys
    refused. The member is asked to send it again rather than left without an answer."""


class PhotoStore(Protocol):
    """Where copies of visit photos live."""

    async def put(self, key: str, data: bytes) -> None:
        """Keep `data` under `key`, replacing what is there: a retried download stores twice."""

    async def get(self, key: str) -> bytes:
        """The photo under `key`; PhotoMissing when there is none."""

    async def size(self, key: str) -> int | None:
        """The stored size, None when absent: checks need not download the photo."""

    def where(self) -> str:
        """Where the photos are, for people (logs, `doctor`): never any credentials."""


def photo_key(day: date, branch: str, name: str) -> str:
    """'2026-07-27/正阳/<name>': by day, then branch, so a day's photos can be found and pruned.

    A branch or name that could reach outside its folder is refused rather than cleaned up:
    cleaning could make two branches share a folder, and such a name is a mistake to be seen.
    """
    return "/".join([day.isoformat(), _part(branch, "branch"), _part(name, "name")])


def _part(text: str, what: str) -> str:
    if text in {"", ".", ".."} or any(c in text for c in "/\\\0"):
        raise ValueError(f"photo {what} {text!r} cannot be a path part")
    return text


def _parts(key: str) -> list[str]:
    """The key's parts, checked again: keys also come back from the database, not just photo_key."""
    return [_part(part, "key part") for part in key.split("/")]


class FolderStore:
    """Photos as files under `root`, one folder per day and branch, for staff to browse."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*_parts(key))

    async def put(self, key: str, data: bytes) -> None:
        try:
            await asyncio.to_thread(_write_atomically, self._path(key), data)
        except OSError as error:
            raise PhotoStoreError(f"cannot write {key}: {error}") from error

    async def get(self, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(key).read_bytes)
        except FileNotFoundError:
            raise PhotoMissing(key) from None
        except OSError as error:
            raise PhotoStoreError(f"cannot read {key}: {error}") from error

    async def size(self, key: str) -> int | None:
        try:
            return (await asyncio.to_thread(self._path(key).stat)).st_size
        except FileNotFoundError:
            return None

    def where(self) -> str:
        return str(self.root.absolute())


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside, then rename over: a crash leaves the old photo or the new, never half.

    mkstemp makes the file private (0600), and so stays the photo: it shows customers.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())  # The bytes must be on disk before the name points at them.
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def s3_config(endpoint_url: str = "") -> Config:
    """Bounded waits and retries, and what S3-compatible services need; AWS keeps the defaults.

    Path-style addressing, because MinIO and self-hosted servers seldom have the wildcard DNS
    and certificates that a bucket in the host name needs; but OSS and COS refuse path style.
    Checksums only where required: botocore >= 1.36 adds a CRC to every upload (chunked over
    HTTPS), which OSS, COS and older MinIO reject.
    """
    config = Config(
        connect_timeout=5, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"}
    )
    if not endpoint_url:
        return config
    virtual = (urlsplit(endpoint_url).hostname or "").lower().endswith(VIRTUAL_HOSTED_ONLY)
    return config.merge(
        Config(
            s3={"addressing_style": "virtual" if virtual else "path"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
    )


class BucketStore:
    """Photos as objects in an S3-compatible bucket, under `prefix`.

    Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
    a profile, an instance role), never from the config file, which is often shared.
    """

    def __init__(
        self, bucket: str, prefix: str = "", *, endpoint_url: str = "", region: str = ""
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._endpoint_url = endpoint_url
        self._region = region
        self._client: Any = None
        self._lock = threading.Lock()

    def _s3(self) -> Any:
        """The client, built on first use: starting the bot needs neither network nor keys.

        Under a lock, as calls come on several threads: a client is thread-safe, making one is not.
        """
        with self._lock:
            if self._client is None:
                self._client = boto3.session.Session().client(
                    "s3",
                    endpoint_url=self._endpoint_url or None,
                    region_name=self._region or None,
                    config=s3_config(self._endpoint_url),
                )
            return self._client

    def _object(self, key: str) -> str:
        return "/".join([self.prefix, *_parts(key)] if self.prefix else _parts(key))

    def _put(self, key: str, data: bytes) -> None:
        self._s3().put_object(Bucket=self.bucket, Key=self._object(key), Body=data)

    def _read(self, operation: str, key: str) -> dict[str, Any] | None:
        """The answer to `operation` on the object, None when it is absent."""
        try:
            return getattr(self._s3(), operation)(Bucket=self.bucket, Key=self._object(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in MISSING_CODES:
                return None
            raise

    def _get(self, key: str) -> bytes:
        answer = self._read("get_object", key)
        if answer is None:
            raise PhotoMissing(key)
        with answer["Body"] as body:
            return body.read()

    async def put(self, key: str, data: bytes) -> None:
        try:
            await asyncio.to_thread(self._put, key, data)
        except (BotoCoreError, ClientError) as error:
            raise PhotoStoreError(f"cannot put {key}: {error}") from error

    async def get(self, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self._get, key)
        except (BotoCoreError, ClientError) as error:
            raise PhotoStoreError(f"cannot get {key}: {error}") from error

    async def size(self, key: str) -> int | None:
        answer = await asyncio.to_thread(self._read, "head_object", key)
        return None if answer is None else int(answer["ContentLength"])

    def where(self) -> str:
        return f"{S3_SCHEME}{self.bucket}/{self.prefix}".rstrip("/")


def open_store(location: str, *, endpoint_url: str = "", region: str = "") -> PhotoStore:
    """A bucket for an 's3://bucket/optional/prefix' `location`, a folder for any other."""
    if location[: len(S3_SCHEME)].lower() != S3_SCHEME:
        return FolderStore(Path(location))
    bucket, _, prefix = location[len(S3_SCHEME) :].partition("/")
    if not bucket:
        raise ValueError(f"photo storage {location!r} names no bucket")
    return BucketStore(bucket, prefix, endpoint_url=endpoint_url, region=region)
