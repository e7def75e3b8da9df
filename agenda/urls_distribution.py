"""Routes: distribution (publish, board, notices), comments on drafts, personal notes."""

from django.urls import path

from agenda.views import comments, distribution, notes

urlpatterns = [
    path(
        "meetings/<int:pk>/agenda/publish/",
        distribution.agenda_publish_view,
        name="agenda-publish",
    ),
    path(
        "meetings/<int:pk>/distribution/",
        distribution.distribution_board_view,
        name="distribution-board",
    ),
    path(
        "meetings/<int:pk>/distribution.csv",
        distribution.distribution_board_csv,
        name="distribution-board-csv",
    ),
    path("notices/", distribution.notices_view, name="notices"),
    path("notices/<int:pk>/open/", distribution.notice_open, name="notice-open"),
    path("documents/<int:pk>/comments/", comments.document_comments_view, name="document-comments"),
    path(
        "documents/<int:pk>/comments.xlsx",
        comments.document_comments_xlsx,
        name="document-comments-xlsx",
    ),
    path(
        "documents/<int:pk>/comments.pdf",
        comments.document_comments_pdf,
        name="document-comments-pdf",
    ),
    path("comments/<int:pk>/answer/", comments.comment_answer_view, name="comment-answer"),
    path("meetings/<int:pk>/notes/", notes.personal_notes_view, name="personal-notes"),
    path("meetings/<int:pk>/notes/save/", notes.personal_note_save, name="personal-note-save"),
    path("notes/<int:pk>/delete/", notes.personal_note_delete, name="personal-note-delete"),
    path("meetings/<int:pk>/notes.txt", notes.personal_notes_txt, name="personal-notes-txt"),
    path("meetings/<int:pk>/notes.pdf", notes.personal_notes_pdf, name="personal-notes-pdf"),
]
