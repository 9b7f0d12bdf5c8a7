"""The photo stores on real parts: a folder under tmp_path, and a bucket on moto's S3 server.

Moto keeps every bucket in process-wide memory, so the server is started once for the module
and each test gets a bucket of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from bot.adapters.photo_store import (
    BucketStore,
    FolderStore,
    PhotoMissing,
    PhotoStore,
    open_store,
    photo_key,
    s3_config,
)

DAY = date(2026, 7, 27)
PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg \xff\xd9"
KEY_ID = "AKIAPHOTOSTORETEST"
SECRET = "test-secret-key-do-not-print"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """The URL of an S3 server on a free port: port 0 lets the system pick one."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A new empty bucket, with dummy credentials and none of the machine's AWS settings."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)
    name = f"photos-{uuid.uuid4().hex[:12]}"
    admin(s3_endpoint).create_bucket(Bucket=name)
    return name


def admin(s3_endpoint: str) -> Any:
    """A plain client, to make buckets and look inside them."""
    return boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")


@pytest.fixture(params=["folder", "bucket"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> PhotoStore:
    """Each kind of store, empty."""
    if request.param == "folder":
        return FolderStore(tmp_path / "photos")
    endpoint = request.getfixturevalue("s3_endpoint")
    name = request.getfixturevalue("bucket")
    return BucketStore(name, "zhanbao/photos", endpoint_url=endpoint, region="us-east-1")


async def test_get_returns_the_bytes_put(store: PhotoStore) -> None:
    await store.put(photo_key(DAY, "正阳", "a.jpg"), PHOTO)
    assert await store.get(photo_key(DAY, "正阳", "a.jpg")) == PHOTO


async def test_size_is_the_byte_count(store: PhotoStore) -> None:
    await store.put(photo_key(DAY, "正阳", "a.jpg"), PHOTO)
    assert await store.size(photo_key(DAY, "正阳", "a.jpg")) == len(PHOTO)


async def test_get_of_a_missing_photo_raises_photo_missing(store: PhotoStore) -> None:
    with pytest.raises(PhotoMissing):
        await store.get(photo_key(DAY, "正阳", "never.jpg"))


async def test_size_of_a_missing_photo_is_none(store: PhotoStore) -> None:
    assert await store.size(photo_key(DAY, "正阳", "never.jpg")) is None


async def test_putting_the_same_photo_twice_is_fine(store: PhotoStore) -> None:
    await store.put(photo_key(DAY, "正阳", "a.jpg"), PHOTO)
    await store.put(photo_key(DAY, "正阳", "a.jpg"), PHOTO)
    assert await store.get(photo_key(DAY, "正阳", "a.jpg")) == PHOTO


async def test_putting_again_replaces_the_photo(store: PhotoStore) -> None:
    await store.put(photo_key(DAY, "正阳", "a.jpg"), b"first")
    await store.put(photo_key(DAY, "正阳", "a.jpg"), b"second")
    assert await store.get(photo_key(DAY, "正阳", "a.jpg")) == b"second"


async def test_branches_with_chinese_names_keep_their_own_photos(store: PhotoStore) -> None:
    await store.put(photo_key(DAY, "正阳", "a.jpg"), b"zhengyang")
    await store.put(photo_key(DAY, "姜家", "a.jpg"), b"jiangjia")
    assert await store.get(photo_key(DAY, "正阳", "a.jpg")) == b"zhengyang"
    assert await store.get(photo_key(DAY, "姜家", "a.jpg")) == b"jiangjia"


@pytest.mark.parametrize("key", ["../a.jpg", "2026-07-27/../../a.jpg", "/etc/passwd", "a//b"])
async def test_a_key_that_could_escape_is_refused(store: PhotoStore, key: str) -> None:
    with pytest.raises(ValueError, match="path part"):
        await store.put(key, PHOTO)


def test_where_never_includes_credentials(store: PhotoStore) -> None:
    assert SECRET not in store.where()
    assert KEY_ID not in store.where()


def test_photo_key_is_day_then_branch_then_name() -> None:
    assert photo_key(DAY, "正阳", "visit-1.jpg") == "2026-07-27/正阳/visit-1.jpg"


@pytest.mark.parametrize("branch", ["../正阳", "正阳/姜家", "..", ".", "", "正阳\\..", "正\0阳"])
def test_photo_key_refuses_a_branch_that_could_escape(branch: str) -> None:
    with pytest.raises(ValueError, match="branch"):
        photo_key(DAY, branch, "a.jpg")


@pytest.mark.parametrize("name", ["../a.jpg", "x/a.jpg", ".."])
def test_photo_key_refuses_a_name_that_could_escape(name: str) -> None:
    with pytest.raises(ValueError, match="name"):
        photo_key(DAY, "正阳", name)


async def test_folder_store_writes_under_root_day_and_branch(tmp_path: Path) -> None:
    await FolderStore(tmp_path).put(photo_key(DAY, "姜家", "a.jpg"), PHOTO)
    assert (tmp_path / "2026-07-27" / "姜家" / "a.jpg").read_bytes() == PHOTO


async def test_folder_store_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = FolderStore(tmp_path)
    await store.put(photo_key(DAY, "姜家", "a.jpg"), PHOTO)
    await store.put(photo_key(DAY, "姜家", "a.jpg"), PHOTO)
    assert [p.name for p in (tmp_path / "2026-07-27" / "姜家").iterdir()] == ["a.jpg"]


async def test_bucket_store_keeps_photos_under_its_prefix(s3_endpoint: str, bucket: str) -> None:
    store = BucketStore(bucket, "/zhanbao/photos/", endpoint_url=s3_endpoint, region="us-east-1")
    await store.put(photo_key(DAY, "正阳", "a.jpg"), PHOTO)
    listed = admin(s3_endpoint).list_objects_v2(Bucket=bucket)
    assert [o["Key"] for o in listed["Contents"]] == ["zhanbao/photos/2026-07-27/正阳/a.jpg"]


async def test_bucket_store_without_prefix_keeps_photos_at_the_top(
    s3_endpoint: str, bucket: str
) -> None:
    await BucketStore(bucket, endpoint_url=s3_endpoint).put(photo_key(DAY, "正阳", "a.jpg"), PHOTO)
    listed = admin(s3_endpoint).list_objects_v2(Bucket=bucket)
    assert [o["Key"] for o in listed["Contents"]] == ["2026-07-27/正阳/a.jpg"]


def test_bucket_store_is_described_as_an_s3_url() -> None:
    assert BucketStore("photos", "/zhanbao/").where() == "s3://photos/zhanbao"


@pytest.mark.parametrize(
    ("endpoint", "style"),
    [
        ("http://minio.branch.lan:9000", "path"),
        ("https://s3.oss-cn-hangzhou.aliyuncs.com", "virtual"),
        ("https://cos.ap-guangzhou.myqcloud.com", "virtual"),
    ],
)
def test_s3_compatible_endpoints_get_the_addressing_they_accept(endpoint: str, style: str) -> None:
    assert s3_config(endpoint).s3 == {"addressing_style": style}


def test_aws_itself_keeps_botocore_addressing() -> None:
    assert s3_config().s3 is None


def test_open_store_gives_a_bucket_store_for_an_s3_location() -> None:
    store = open_store("s3://photos/zhanbao/visits", endpoint_url="http://minio:9000")
    assert isinstance(store, BucketStore)
    assert store.where() == "s3://photos/zhanbao/visits"


@pytest.mark.parametrize("location", ["./data/photos", "/srv/zhanbao/photos", "s3-photos"])
def test_open_store_gives_a_folder_store_otherwise(location: str) -> None:
    store = open_store(location)
    assert isinstance(store, FolderStore)
    assert store.root == Path(location)


def test_open_store_refuses_an_s3_location_without_a_bucket() -> None:
    with pytest.raises(ValueError, match="no bucket"):
        open_store("s3:///photos")
