"""The letters this product sends: text and HTML from one template pair, sent after commit."""

import logging
import smtplib

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string

from meetings.models import Meeting, User

logger = logging.getLogger(__name__)


def reply_to_creator(meeting: Meeting) -> list[str]:
    """Answers go to the person who booked the meeting, not to the no-reply sender."""
    creator = meeting.created_by
    return [creator.email] if creator is not None and creator.email else []


def letter(
    *, to: User, subject: str, template: str, context: dict, reply_to: list[str]
) -> mail.EmailMultiAlternatives:
    """One personal letter from `<template>.txt` and `<template>.html`."""
    personal = {**context, "recipient": to}
    message = mail.EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", personal),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to.email],
        reply_to=reply_to,
    )
    message.attach_alternative(render_to_string(f"{template}.html", personal), "text/html")
    return message


def send_logged(messages: list[mail.EmailMessage], *, what: str) -> None:
    """Send over one connection. Runs after commit: a mail server that is down is logged,
    never turned into an error for the person whose change is already saved."""
    try:
        with mail.get_connection() as connection:
            sent = connection.send_messages(messages)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send %s to %d recipients", what, len(messages))
        return
    logger.info("Sent %s: %s of %d", what, sent, len(messages))
