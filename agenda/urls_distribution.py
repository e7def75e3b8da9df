"""Routes: distribution."""

urlpatterns: list = []
