"""The shared cache (Redis through django-redis), with its hits and misses counted for the
metrics; its errors are counted where django-redis reports them (the lms.core.cache logger)."""

from django_redis.cache import CONNECTION_INTERRUPTED, RedisCache

from lms.core import metrics

_ABSENT = object()


class ObservedRedisCache(RedisCache):
    def get(self, key, default=None, version=None, client=None):
        value = self._get(key, _ABSENT, version, client)
        if value is CONNECTION_INTERRUPTED:  # counted as an error by the logger
            return default
        if value is _ABSENT:
            metrics.cache_read(hits=0, misses=1)
            return default
        metrics.cache_read(hits=1, misses=0)
        return value

    def get_many(self, keys, *args, **kwargs):
        keys = list(keys)
        found = super().get_many(keys, *args, **kwargs)  # {} when the call failed
        metrics.cache_read(hits=len(found), misses=len(keys) - len(found))
        return found
