"""Routes: documents."""

urlpatterns: list = []
