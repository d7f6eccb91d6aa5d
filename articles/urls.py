from django.urls import path

from articles import search, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("berita/<slug:slug>/", views.article_detail, name="detail"),
    path("rubrik/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("penulis/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("cari/", search.SearchView.as_view(), name="search"),
]
