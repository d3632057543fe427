from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "PolicyKB 产业政策知识库 · 管理"
admin.site.site_title = "PolicyKB 管理"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("documents.urls")),
]
