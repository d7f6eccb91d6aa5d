"""The site's URLs: the admin, the readers' site in each language, and media.

Readers' pages are in Indonesian at the root (/berita/<slug>/) and in English
under /en/ (/en/berita/<slug>/): a page's language is in its address, never
in a cookie or the browser's Accept-Language, so an HTTP cache can keep each
page as it is, with no Vary. The admin and /health/ have one address each.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsroom.views import choose_language, health

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} — Redaksi"
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.index_title = "Ruang redaksi"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("bahasa/<slug:language>/", choose_language, name="choose_language"),
    path("health/", health, name="health"),
    *i18n_patterns(
        path("", include("comments.urls")),
        path("", include("articles.urls")),
        path("", include("editorial.urls")),
        prefix_default_language=False,
    ),
]

if settings.SERVE_MEDIA:
    # For development and tests; in production the web server or object storage serves media.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

handler404 = "articles.views.page_not_found"
handler500 = "newsroom.views.server_error"
