"""Bounds every request meets before a view, or CSRF's check, reads anything of it.

- A request body is refused (413) past POLICYKB_MAX_PUBLIC_BODY_BYTES unless a staff member sends it,
  and past POLICYKB_MAX_STAFF_BODY_BYTES (a batch of notices) in any case, from its Content-Length
  alone: the public site takes no body at all, and CSRF's check would otherwise read (and spool to disk)
  a 200 MB upload before refusing it.
- A NUL character in the path or the query string is refused (400): PostgreSQL cannot hold one in a
  text, and no region code, slug or word has one, so no view needs to meet it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse


def _declared_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0  # Django reads no body without a valid Content-Length


def _refused(status: int, message: str) -> HttpResponse:
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")


class RequestBoundsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request)
        if length > settings.POLICYKB_MAX_PUBLIC_BODY_BYTES:
            staff = getattr(request, "user", None) is not None and request.user.is_active and request.user.is_staff
            limit = settings.POLICYKB_MAX_STAFF_BODY_BYTES if staff else settings.POLICYKB_MAX_PUBLIC_BODY_BYTES
            if length > limit:
                return _refused(413, f"请求内容过大：{length} 字节，上限 {limit} 字节。Request body too large.")
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return _refused(400, "请求地址含有空字符（NUL），无法处理。The URL holds a NUL character.")
        return self.get_response(request)
