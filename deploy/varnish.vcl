vcl 4.1;
# Varnish in front of nginx: keeps public pages as long as the site's s-maxage says, and drops
# them when the site sends PURGE (wagtail.contrib.frontend_cache, FRONTEND_CACHE_PURGE_URL).
# A PURGE of a path drops it with every query string (/news/?page=2 with /news/); a PURGE of
# /* drops everything (a change shown on every page, like the footer's emergency number).
# @@BACKEND_HOST@@ and @@BACKEND_PORT@@ are nginx's address (filled in by the tests).

backend nginx {
    .host = "@@BACKEND_HOST@@";
    .port = "@@BACKEND_PORT@@";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Not allowed."));
        }
        if (req.url == "/*") {
            ban("obj.status != 0");
        } else {
            ban("obj.http.x-url-path == " + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged."));
    }
    # Signed-in staff (a session cookie) go straight to the site; readers' other cookies
    # (analytics) do not split the cache.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
}

sub vcl_backend_response {
    # Remembered per object so that a ban can find every query string of a path.
    set beresp.http.x-url-path = regsub(bereq.url, "\?.*$", "");
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.x-url-path;
}
