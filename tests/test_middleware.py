"""documents/middleware.py: request bodies and NUL characters refused before any view or CSRF check reads them."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


class _Unread:
    """A request body that fails the test if anything reads it: the refusal must come from the headers."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _post(client: Client, path: str, length: int):
    return client.generic("POST", path, b"", CONTENT_TYPE="multipart/form-data; boundary=x", CONTENT_LENGTH=str(length),
                          **{"wsgi.input": _Unread()})  # fmt: skip


@pytest.mark.parametrize(
    "path", ["/search/", "/targets/", "/api/documents/", "/admin/login/", "/admin/documents/document/batch/"]
)
def test_an_anonymous_200_mb_post_is_refused_unread(client, path):
    response = _post(client, path, 200 * MB)
    assert response.status_code == 413 and "请求内容过大" in response.content.decode()


def test_an_anonymous_post_under_the_bound_goes_on_to_the_view(client):
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 200


def test_staff_may_send_a_batch_but_not_past_its_bound(client, settings):
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(user)
    assert _post(client, "/search/", settings.POLICYKB_MAX_STAFF_BODY_BYTES + 1).status_code == 413
    response = client.generic(
        "POST", "/search/", b"x" * (settings.POLICYKB_MAX_PUBLIC_BODY_BYTES + 1), CONTENT_TYPE="text/plain"
    )
    assert response.status_code != 413


def test_a_non_staff_user_has_the_public_bound(client, settings):
    client.force_login(User.objects.create_user("reader", password="pw"))
    assert _post(client, "/admin/", settings.POLICYKB_MAX_PUBLIC_BODY_BYTES + 1).status_code == 413


def test_the_bounds_stay_ordered(settings):
    assert (
        settings.POLICYKB_MAX_PUBLIC_BODY_BYTES
        < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        < settings.POLICYKB_MAX_STAFF_BODY_BYTES
    )
    assert settings.POLICYKB_MAX_STAFF_BODY_BYTES > settings.POLICYKB_MAX_ZIP_BYTES


@pytest.mark.parametrize(
    "url",
    ["/regions/%00/", "/feeds/regions/%00/", "/compare/?cities=%00", "/compare/?theme=%00", "/search/?q=%00",
     "/notices/1/?x=a%00b", "/admin/documents/document/?q=%00"],
)  # fmt: skip
def test_a_nul_in_the_url_is_a_400(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404)  # a path the URL patterns refuse is a 404 before any query
    if "?" in url:
        assert response.status_code == 400 and "NUL" in response.content.decode()
