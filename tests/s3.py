"""An S3-compatible server for the tests: moto's, a real HTTP server on this machine.

Boto3 and django-storages talk to it over HTTP as they would to AWS, R2 or MinIO; nothing
in them is mocked. Its objects are readable by a plain GET, as a public bucket's are.
"""

import contextlib
import dataclasses
import json
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

import boto3

from practice.settings import s3_media_storage
from tests.network import unused_port

REGION = "us-east-1"
ACCESS_KEY_ID = "practice-tests"
SECRET_ACCESS_KEY = "practice-tests-secret"
STARTUP_SECONDS = 30


@dataclasses.dataclass(frozen=True)
class S3Server:
    """A running S3-compatible server and one of its buckets."""

    endpoint_url: str
    bucket: str

    def environment(self, **overrides):
        """The variables that put a process's uploads in this bucket (MEDIA_STORAGE=s3 and
        the AWS_* ones), e.g. for a server started in a subprocess."""
        return {
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
            **overrides,
        }

    def storage(self, **overrides):
        """STORAGES["default"] for this bucket, as the settings make it from environment()."""
        return s3_media_storage(self.environment(**overrides))

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )

    def with_new_bucket(self):
        """The same server with a new, empty bucket, publicly readable as the site needs."""
        bucket = f"media-{secrets.token_hex(6)}"
        client = self.client()
        client.create_bucket(Bucket=bucket)
        public_read = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read))
        return dataclasses.replace(self, bucket=bucket)

    def stored_names(self):
        """The name (key) of every object in the bucket, sorted."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def public_url(self, key):
        """An object's plain address, as a browser asks for it: no signature."""
        return f"{self.endpoint_url}/{self.bucket}/{key}"


@contextlib.contextmanager
def running_s3_server():
    """Start moto's server on an unused local port, with a public bucket; stop it after."""
    port = unused_port()
    endpoint_url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_answering(endpoint_url, process)
        yield S3Server(endpoint_url, bucket="").with_new_bucket()
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_until_answering(endpoint_url, process):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto's S3 server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{endpoint_url}/moto-api/", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise RuntimeError(
        f"moto's S3 server did not answer at {endpoint_url} within {STARTUP_SECONDS}s"
    )
