"""Authentication backends for the tests."""

from axes.backends import AxesStandaloneBackend


class AxesBackendLettingTheTestClientIn(AxesStandaloneBackend):
    """django-axes' backend, but for Django's test client's login(), which has no request.

    Every login over HTTP passes its request and is counted as in production;
    the production backend refuses a call without one (it has no address to count).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
