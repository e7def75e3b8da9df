"""PDFs of the paperless agenda: the meeting booklet and its full pack."""
