from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("berita/<slug:slug>/komentar/", views.post_comment, name="post"),
    path("berita/<slug:slug>/komentar/token/", views.fresh_form_token, name="token"),
]
