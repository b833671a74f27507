"""Uploads in S3-compatible object storage: pictures public, documents private.

Pictures and their renditions are public objects with plain, cacheable URLs, as readers'
browsers fetch them straight from the store (or its CDN). Documents are private objects:
Wagtail's document view (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`) checks the collection's
privacy and then streams the file from the store with the site's credentials, so a
document in a private collection cannot be fetched by anyone who learns its key. Should
anything ask for a document's address on the store, it gets a signed one that expires
(`AWS_QUERYSTRING_EXPIRE`, five minutes).
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PRIVATE_PREFIX = "documents/"  # Wagtail's Document.file upload_to


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        if self._private(name):
            parameters.update(ACL="private", CacheControl="private, max-age=0")
        return parameters

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self._private(name):
            return super().url(name, parameters, expire, http_method)
        params = {
            **(parameters or {}),
            "Bucket": self.bucket.name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=expire or self.querystring_expire,
            HttpMethod=http_method,
        )

    @staticmethod
    def _private(name: str) -> bool:
        return clean_name(name).startswith(PRIVATE_PREFIX)
