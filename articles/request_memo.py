"""What stays the same from the start of a request to its end, read once per request.

The script prefix and URL configuration (articles/addresses.py: each read
costs as much as the address it serves), and the sections of the navigation
(articles/context_processors.py: the article page brings them with its
article, other pages ask PostgreSQL). Nothing outlives its request. Outside requests
(scripts, shells, tests calling functions directly) nothing is remembered,
so a value is always read afresh.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started

_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def remembered_during_request(name: str, compute):
    """compute(), once per request under `name`; afresh on every call outside requests."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def remember(name: str, value) -> None:
    """Have the rest of the request take `value` for `name` (a value fetched with another)."""
    memo = _memo.get()
    if memo is not None:
        memo[name] = value


def forget(name: str) -> None:
    """Have the rest of the request read `name` afresh (after changing it)."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(name, None)


def start(**kwargs) -> None:
    _memo.set({})


def end(**kwargs) -> None:
    _memo.set(None)


# Django's WSGI handler sets the script prefix before it sends request_started.
request_started.connect(start, dispatch_uid="request-memo-started")
request_finished.connect(end, dispatch_uid="request-memo-ended")
