"""RSS feeds of new notices: all, per city (or any region), per theme."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, Region, Theme

ITEMS = 30


class NewNoticesFeed(Feed):
    title = "PolicyKB 产业政策知识库 · 最新政策文件"
    description = "新收录的市级产业政策文件"

    def link(self, obj=None):
        return reverse("documents:home")

    def documents(self, obj):
        return Document.objects.all()

    def items(self, obj=None):
        return self.documents(obj).with_places().order_by("-created_at", "-pk")[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [
            item.doc_number,
            item.issuer,
            str(item.region or ""),
            item.issued_on and f"成文日期 {item.issued_on:%Y-%m-%d}",
        ]
        return " · ".join(part for part in parts if part)

    def item_pubdate(self, item):
        if item.published_on or item.issued_on:
            day = item.published_on or item.issued_on
            return timezone.make_aware(datetime.combine(day, time(8)))
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class RegionNoticesFeed(NewNoticesFeed):
    def get_object(self, request, code):
        return get_object_or_404(Region, code=code)

    def title(self, obj):
        return f"PolicyKB · {obj.name}最新政策文件"

    def description(self, obj):
        return f"{obj.name}新收录的产业政策文件"

    def link(self, obj):
        return obj.get_absolute_url()

    def documents(self, obj):
        return Document.objects.for_region(obj)


class ThemeNoticesFeed(NewNoticesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj):
        return f"PolicyKB · {obj.name}主题最新政策文件"

    def description(self, obj):
        return f"主题“{obj.name}”下新收录的产业政策文件"

    def link(self, obj):
        return obj.get_absolute_url()

    def documents(self, obj):
        return Document.objects.for_theme(obj)
