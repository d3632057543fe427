"""Staff in the two roles the migration creates."""

import pytest
from django.contrib.auth.models import Group, User


def staff(name: str, role: str) -> User:
    user = User.objects.create_user(name, password="pw-" + name, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return staff("editor1", "editor")


@pytest.fixture
def viewer(db):
    return staff("viewer1", "viewer")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client
