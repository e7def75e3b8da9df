"""Routes: agenda."""

urlpatterns: list = []
