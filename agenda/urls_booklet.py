"""Routes: booklet."""

urlpatterns: list = []
