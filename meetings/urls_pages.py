"""The pages people click through."""

urlpatterns: list = []
