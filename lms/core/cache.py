"""The shared cache (Redis through django-redis), with its hits and misses counted for the
metrics; its errors are counted where django-redis reports them (the lms.core.cache logger)."""

from django_redis.cache import CONNECTION_INTERRUPTED, RedisCache, omit_exception
from django_redis.exceptions import ConnectionInterrupted
from redis.commands.core import Script
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

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

    @omit_exception
    def count_in_window(self, key: str, seconds: int) -> int | None:
        """Add one to a counter that lives `seconds` from its first count; the new count, or
        None when Redis does not answer. One command, a Lua script (atomic, as a MULTI would be):
        django-redis's `incr` fails on a missing key, so a throttle's first request of each
        window took three round trips, and redis-py's MULTI … EXEC pipeline costs twice the
        client's CPU of one command; a throttle runs on every API request, autosaves included."""
        client = self.client.get_client(write=True)
        name = self.client.make_key(key)
        try:
            return _COUNT_IN_WINDOW(keys=[name], args=[seconds], client=client)
        except (RedisConnectionError, RedisTimeoutError, ResponseError, OSError) as error:
            raise ConnectionInterrupted(connection=client) from error


# Sent by its SHA1 (EVALSHA); loaded again by redis-py when a restarted Redis has forgotten it.
_COUNT_IN_WINDOW = Script(
    None,
    b"local count = redis.call('INCR', KEYS[1]) "
    b"if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
    b"return count",
)
