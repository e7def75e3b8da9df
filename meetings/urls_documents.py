"""Files a meeting gives out: invitation PDF, .ics, the personal calendar feed."""

urlpatterns: list = []
