vcl 4.1;

# Newsroom's HTTP cache (Varnish 7, Debian's varnish and varnish-modules).
#
# The site decides what is cached: a reader's page comes with
# `Cache-Control: public, max-age=…, s-maxage=…` and an `xkey` header naming
# what it shows (delivery/middleware.py); everything else is `private, no-store`.
# Varnish keeps a page for its s-maxage, or until the site purges one of its
# keys: `PURGE` with an `xkey-purge: <keys>` header (delivery/purge.py), taken
# only from the addresses in the `purgers` ACL.

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # The site's health check. Its Host must be in the site's ALLOWED_HOSTS, or
    # every probe is refused (400), the site counts as down and only stale
    # copies are served.
    .probe = {
        .request =
            "GET /health/ HTTP/1.1"
            "Host: localhost"
            "Connection: close"
            "User-Agent: Varnish health probe";
        .interval = 2s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may purge: the app servers. Add each app server's address when they run
# on other machines (deploy/README.md). A TLS terminator in front must speak the
# PROXY protocol (varnishd -a …,PROXY): without it, every client would seem to
# come from the terminator's own address.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "An xkey-purge header naming the keys is required"));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.X-Purged + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom's own pages, and the language switch (it sets a cookie).
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^(/[a-z]{2})?/bahasa/") {
        return (pass);
    }
    # An editor signed in, or a form with Django's CSRF token: the site may answer
    # for this person only.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Readers' pages depend on no cookie: analytics cookies must not split the cache.
    unset req.http.Cookie;
    # Campaign parameters neither change the page nor deserve a copy of their own.
    set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid)=[^&]*(&|$)", "");
    set req.url = regsub(req.url, "[?&]$", "");
    # A page past its s-maxage is fetched again before it is served; stale copies
    # are served only while the site does not answer its health check.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_backend_response {
    # A 5xx while refreshing in the background: keep serving the copy we have.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Only what the site marked public is kept; never Varnish's default TTL for the
    # rest, nor a page that sets a cookie.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # How long to serve a stale copy when the site is down.
    set beresp.grace = 24h;
    if (beresp.http.Content-Type ~ "^(text/|application/(xml|json|rss\+xml|atom\+xml))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys and s-maxage are for this cache alone: a shared cache further on
    # could not be purged, so it gets only the browsers' max-age.
    unset resp.http.xkey;
    if (resp.http.Cache-Control) {
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, ",?\s*s-maxage=\d+", "");
    }
}
