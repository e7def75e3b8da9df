"""Routes: conclusion tasks (boards, a meeting's conclusions, one task)."""

from django.urls import path

from agenda.views import tasks

urlpatterns = [
    path("tasks/", tasks.tasks_view, name="tasks"),
    path("tasks/<int:pk>/", tasks.task_detail_view, name="task-detail"),
    path("tasks/<int:pk>/edit/", tasks.task_update_view, name="task-update"),
    path("tasks/<int:pk>/complete/", tasks.task_complete_view, name="task-complete"),
    path("tasks/<int:pk>/reopen/", tasks.task_reopen_view, name="task-reopen"),
    path("meetings/<int:pk>/tasks/", tasks.meeting_tasks_view, name="meeting-tasks"),
    path(
        "meetings/<int:pk>/tasks/carry-over/",
        tasks.carry_over_view,
        name="meeting-tasks-carry-over",
    ),
]
