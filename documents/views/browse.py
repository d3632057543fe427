"""Browsing pages: home, region, theme, notice, unit."""
from django.shortcuts import get_object_or_404, render

from documents.models import Document, Region, ResponsibleUnit, Theme


def home(request):
    documents = Document.objects.with_places().newest_first()[:20]
    return render(request, "documents/home.html", {"documents": documents})


def region_detail(request, code):
    region = get_object_or_404(Region, code=code)
    documents = Document.objects.for_region(region).with_places().newest_first()
    return render(request, "documents/region_detail.html", {"region": region, "documents": documents})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    documents = Document.objects.for_theme(theme).with_places().newest_first()
    return render(request, "documents/theme_detail.html", {"theme": theme, "documents": documents})


def document_detail(request, pk):
    document = get_object_or_404(Document.objects.with_places(), pk=pk)
    return render(request, "documents/document_detail.html", {"document": document})


def unit_detail(request, pk):
    unit = get_object_or_404(ResponsibleUnit, pk=pk)
    return render(request, "documents/unit_detail.html", {"unit": unit})
