"""The site's URLs: the admin, the readers' site, language switching and media."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom.views import choose_language

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} — Redaksi"
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.index_title = "Ruang redaksi"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("bahasa/<slug:language>/", choose_language, name="choose_language"),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "articles.views.page_not_found"
