"""Routes of the savings ledger: dashboard, reports, a meeting's ledger, rate sets."""

from django.urls import path, re_path

from meetings.views import savings

urlpatterns = [
    path("savings/", savings.savings_dashboard, name="savings-dashboard"),
    re_path(
        r"^savings/report\.(?P<extension>csv|xlsx|pdf)$",
        savings.savings_report,
        name="savings-report",
    ),
    path("savings/compute/", savings.savings_compute_missing, name="savings-compute"),
    path("savings/rates/", savings.savings_rates, name="savings-rates"),
    path("savings/rates/<int:pk>/", savings.savings_rate_edit, name="savings-rate-edit"),
    path(
        "savings/rates/<int:pk>/reapply/",
        savings.savings_rate_reapply,
        name="savings-rate-reapply",
    ),
    path("meetings/<int:pk>/savings/", savings.meeting_savings, name="meeting-savings"),
    path(
        "meetings/<int:pk>/savings/recompute/",
        savings.meeting_savings_recompute,
        name="meeting-savings-recompute",
    ),
]
