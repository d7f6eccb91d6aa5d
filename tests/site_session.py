"""A person at a real server, without a browser: cookies kept, forms read and sent back as is.

For tests in which what matters is the server's own processes (a gunicorn
worker saving an admin form), where a browser would only add time.
"""

import http.cookiejar
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields a browser would send for the form with the given id: (name, value) pairs."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.append(
                    (
                        attrs["name"],
                        attrs.get("value", "on" if kind in {"checkbox", "radio"} else ""),
                    )
                )
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


class SiteSession:
    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=15) as response:
            return response.read().decode()

    def post(self, path, fields):
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(  # noqa: S310 - the test server's http address
            self.base_url + path, data=body, headers={"Referer": self.base_url + path}
        )
        with self.opener.open(request, timeout=15) as response:
            return response.geturl(), response.read().decode()

    def form(self, path, form_id):
        """The form's fields as the page at `path` fills them in."""
        parser = FormFields(form_id)
        parser.feed(self.get(path))
        assert parser.fields, f"no form #{form_id} at {path}"
        return parser.fields

    def log_in(self, username, password):
        fields = dict(self.form("/admin/login/", "login-form"))
        fields.update(username=username, password=password)
        address, _page = self.post("/admin/login/", fields)
        assert not address.endswith("/admin/login/"), "the login was refused"
