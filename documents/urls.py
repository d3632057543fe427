from django.urls import path

from documents.views import browse

app_name = "documents"

urlpatterns = [
    # Browsing (issue 4): documents/views/browse.py
    path("", browse.home, name="home"),
    path("regions/<str:code>/", browse.region_detail, name="region-detail"),
    path("themes/<slug:slug>/", browse.theme_detail, name="theme-detail"),
    path("notices/<int:pk>/", browse.document_detail, name="document-detail"),
    path("units/<int:pk>/", browse.unit_detail, name="unit-detail"),
    # Search (issue 6): documents/views/search.py
]
