def comments(request):
    """Tell the article page where the comments are (it works without them too)."""
    return {"article_comments_template": "comments/article_comments.html"}
