"""A polite HTTP client: timeouts, retries with back-off, per-host limits, robots.txt, size cap.

Thread-safe: one :class:`Fetcher` serves every fetching thread of a round. Redirects are
followed by hand, hop by hop, so each hop is checked against robots.txt, counted against its
host's limits and kept (a WARC record per hop).
"""

from __future__ import annotations

import random
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from dateline import __version__
from dateline.errors import InputError
from dateline.fetch.urls import canonical_url, host_of

DEFAULT_USER_AGENT = (
    f"Dateline/{__version__} (news event extraction; polite crawler honouring robots.txt)"
)
MAX_RESPONSE_BYTES = 10 * 1024 * 1024
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_REDIRECTS = 5
_MAX_RETRY_AFTER = 60.0
_ROBOTS_RETRY = 600.0  # seconds before asking again a site whose robots.txt failed


class Interrupted(Exception):
    """The round is being stopped (Ctrl-C, SIGTERM): no new request starts."""


@dataclass
class FetchSettings:
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0  # seconds: connecting, each read, and the whole response
    retries: int = 2  # extra attempts after a timeout, a network error, 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each further one
    max_bytes: int = MAX_RESPONSE_BYTES
    host_delay: float = 1.0  # seconds between the starts of two requests to one host
    host_concurrency: int = 2  # requests in flight to one host
    concurrency: int = 8  # requests in flight in all
    robots: bool = True
    robots_ttl: float = 24 * 3600.0


@dataclass
class Response:
    """One HTTP response as received (body already decoded from gzip/brotli)."""

    url: str
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    seconds: float

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)

    @property
    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in (self.header("content-type") or "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip().strip("\"'"):
                return value.strip().strip("\"'")
        return None


@dataclass
class Outcome:
    """What fetching one URL gave: the responses of every hop, and how it ended.

    ``status`` is ``ok`` (2xx), ``not_modified`` (304), ``http_error`` (any other status),
    ``robots`` (disallowed), ``too_large``, ``timeout``, ``network``, ``redirects`` (too many)
    or ``duplicate`` (redirected to a URL already fetched).
    """

    url: str
    status: str
    responses: list[Response] = field(default_factory=list)
    error: str | None = None
    attempts: int = 0
    redirected_to: str | None = None

    @property
    def final(self) -> Response | None:
        return self.responses[-1] if self.responses else None

    @property
    def http_status(self) -> int | None:
        return self.final.status if self.final else None


class _TooLarge(Exception):
    pass


@dataclass
class _Host:
    semaphore: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0
    delay: float = 0.0


class HostGate:
    """Per-host politeness: at most N requests in flight, and a minimum gap between starts."""

    def __init__(self, delay: float, concurrency: int, stop: threading.Event) -> None:
        self.delay = delay
        self.concurrency = max(1, concurrency)
        self.stop = stop
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}

    def _host(self, host: str) -> _Host:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = _Host(threading.Semaphore(self.concurrency), delay=self.delay)
            return self._hosts[host]

    def slow_down(self, host: str, delay: float) -> None:
        """A robots.txt Crawl-delay: never faster than the site asks."""
        entry = self._host(host)
        with entry.lock:
            entry.delay = max(entry.delay, delay)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        entry = self._host(host)
        while not entry.semaphore.acquire(timeout=0.2):
            if self.stop.is_set():
                raise Interrupted
        try:
            with entry.lock:
                now = time.monotonic()
                start = max(now, entry.next_start)
                entry.next_start = start + entry.delay
            if start > now and self.stop.wait(start - now):
                raise Interrupted
            if self.stop.is_set():
                raise Interrupted
            yield
        finally:
            entry.semaphore.release()


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    fetched: float
    disallow_all: bool = False
    # A site that could not answer for its robots.txt is asked again soon, not in a day.
    retry_soon: bool = False


class Fetcher:
    """Fetch URLs politely; one instance per round (or per command), shared by threads."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        stop: threading.Event | None = None,
        robots_cache: dict[str, _Robots] | None = None,
    ):
        self.settings = settings or FetchSettings()
        self.stop = stop or threading.Event()
        s = self.settings
        self.gate = HostGate(s.host_delay, s.host_concurrency, self.stop)
        self.client = httpx.Client(
            headers={"User-Agent": s.user_agent},
            timeout=httpx.Timeout(s.timeout, connect=min(s.timeout, 10.0)),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=max(4, s.concurrency * 2)),
        )
        # Shared between the rounds of one `watch`, so robots.txt is read once a day per site.
        self._robots: dict[str, _Robots] = robots_cache if robots_cache is not None else {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots_guard = threading.Lock()
        # Responses of robots.txt fetches, for the caller to keep (WARC) and log.
        self.robots_responses: list[Response] = []

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public -----------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        already_fetched: Callable[[str], bool] | None = None,
    ) -> Outcome:
        """GET ``url`` following redirects; conditional when ``etag``/``last_modified`` given.

        A redirect to a URL for which ``already_fetched`` is true is not followed: the outcome
        is ``duplicate``, with that URL as ``redirected_to``.
        """
        outcome = Outcome(url=url, status="network")
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            if self.settings.robots and not self.allowed(current):
                outcome.status = "robots"
                outcome.error = f"robots.txt of {host_of(current)} disallows {current}"
                return outcome
            headers = {}
            if etag and current == url:
                headers["If-None-Match"] = etag
            if last_modified and current == url:
                headers["If-Modified-Since"] = last_modified
            response, status, error, attempts = self._get_with_retries(current, headers)
            outcome.attempts += attempts
            if response is not None:
                outcome.responses.append(response)
            if status != "ok":
                outcome.status, outcome.error = status, error
                return outcome
            assert response is not None
            if response.status in (301, 302, 303, 307, 308):
                target = response.header("location")
                if not target:
                    outcome.status = "http_error"
                    outcome.error = f"HTTP {response.status} without a Location header"
                    return outcome
                try:
                    current = canonical_url(target, base=current)
                except InputError:
                    outcome.status = "http_error"
                    outcome.error = f"redirect to a non-http(s) URL: {target[:200]}"
                    return outcome
                if already_fetched is not None and already_fetched(current):
                    outcome.status, outcome.redirected_to = "duplicate", current
                    return outcome
                continue
            if response.status == 304:
                outcome.status = "not_modified"
            elif 200 <= response.status < 300:
                outcome.status = "ok"
            else:
                outcome.status = "http_error"
                outcome.error = f"HTTP {response.status} {response.reason}".strip()
            return outcome
        outcome.status = "redirects"
        outcome.error = f"more than {_MAX_REDIRECTS} redirects"
        return outcome

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's site lets our User-Agent fetch it (cached per site)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._robots_guard:
            lock = self._robots_locks.setdefault(site, threading.Lock())
        with lock:
            entry = self._robots.get(site)
            ttl = (
                _ROBOTS_RETRY
                if entry is not None and entry.retry_soon
                else self.settings.robots_ttl
            )
            if entry is None or time.monotonic() - entry.fetched > ttl:
                entry = self._load_robots(site)
                self._robots[site] = entry
        if entry.disallow_all:
            return False
        if entry.parser is None:
            return True
        return entry.parser.can_fetch(self.settings.user_agent, url)

    # -- internals --------------------------------------------------------------------------

    def _load_robots(self, site: str) -> _Robots:
        """RFC 9309: 4xx means no rules; 5xx or no answer means stay away for now."""
        response, status, _error, _ = self._get_with_retries(site + "/robots.txt", {})
        now = time.monotonic()
        if response is not None:
            self.robots_responses.append(response)
        if status != "ok" or response is None:
            unanswered = status in ("timeout", "network")
            return _Robots(None, now, disallow_all=unanswered, retry_soon=unanswered)
        if 400 <= response.status < 500 or response.status in (301, 302, 303, 307, 308):
            return _Robots(None, now)
        if response.status >= 500:
            return _Robots(None, now, disallow_all=True, retry_soon=True)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay:
            self.gate.slow_down(urlsplit(site).netloc.lower(), float(delay))
        return _Robots(parser, now)

    def _get_with_retries(
        self, url: str, headers: dict[str, str]
    ) -> tuple[Response | None, str, str | None, int]:
        """(last response, "ok" or the failure kind, error text, attempts made)."""
        s = self.settings
        attempts = 0
        while True:
            attempts += 1
            response: Response | None = None
            error: str | None = None
            try:
                with self.gate.slot(host_of(url)):
                    response = self._get_once(url, headers)
            except _TooLarge:
                return None, "too_large", f"response larger than {s.max_bytes:,} bytes", attempts
            except httpx.TimeoutException:
                kind, error = "timeout", f"timed out after {s.timeout:g} s"
            except httpx.TransportError as exc:
                kind, error = "network", f"network error: {exc.__class__.__name__}: {exc}"
            except httpx.InvalidURL as exc:
                return None, "network", f"invalid URL: {exc}", attempts
            else:
                if response.status not in _RETRY_STATUSES:
                    return response, "ok", None, attempts
                kind, error = "ok", None  # the response itself tells the failure
            if attempts > s.retries:
                return response, kind, error, attempts
            pause = s.backoff * 2 ** (attempts - 1) * (1 + random.random() / 4)
            if response is not None:
                pause = max(pause, _retry_after(response))
            if self.stop.wait(pause):
                raise Interrupted

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        s = self.settings
        started = time.monotonic()
        fetched_at = datetime.now(UTC)
        with self.client.stream("GET", url, headers=headers) as reply:
            declared = reply.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > s.max_bytes:
                raise _TooLarge
            chunks: list[bytes] = []
            size = 0
            for chunk in reply.iter_bytes():  # decoded: the cap applies after decompression
                size += len(chunk)
                if size > s.max_bytes:
                    raise _TooLarge
                if time.monotonic() - started > s.timeout:
                    raise httpx.ReadTimeout("the whole response took too long")
                chunks.append(chunk)
            return Response(
                url=url,
                status=reply.status_code,
                reason=reply.reason_phrase,
                http_version=reply.http_version,
                headers=list(reply.headers.multi_items()),
                body=b"".join(chunks),
                fetched_at=fetched_at,
                seconds=time.monotonic() - started,
            )


def _retry_after(response: Response) -> float:
    value = (response.header("retry-after") or "").strip()
    if not value:
        return 0.0
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), _MAX_RETRY_AFTER))
