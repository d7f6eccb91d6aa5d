from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("berita/<slug:slug>/komentar/", views.post_comment, name="post"),
]
