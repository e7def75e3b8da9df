"""What a signer's revision of a PDF changed against the approved one: nothing but signature
fields and their widgets may differ (pages, content and the catalog must be the same).

pyHanko's difference analysis vets what came after each signature; this covers the first
signer's own revision, which pyHanko takes as given.
"""

import logging

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

logger = logging.getLogger(__name__)

# Catalog entries a signing tool may add or change: the form, signature permissions,
# validation data, extensions, XMP metadata and the version.
_CATALOG_SIGNING_KEYS = {"/AcroForm", "/Perms", "/DSS", "/Extensions", "/Metadata", "/Version"}


def only_signatures_added(reader: PdfFileReader, approved: int, signed: int) -> bool:
    """Between the approved revision and the first signed one: same pages, same content,
    same catalog (but for form and signature entries), and no new annotation but signature
    widgets."""
    try:
        old, new = reader.get_historical_resolver(approved), reader.get_historical_resolver(signed)
        same = _Same()
        if not same.dicts(old.root, new.root, skip=_CATALOG_SIGNING_KEYS | {"/Pages"}):
            return False
        old_pages, new_pages = _page_tree(old.root["/Pages"]), _page_tree(new.root["/Pages"])
        if len(old_pages) != len(new_pages):
            return False
        for (old_page, old_leaf), (new_page, new_leaf) in zip(old_pages, new_pages, strict=True):
            if old_leaf != new_leaf:
                return False
            skip = {"/Parent", "/Annots"} if old_leaf else {"/Parent", "/Kids"}
            if not same.dicts(old_page, new_page, skip=skip):
                return False
            if old_leaf and not _annotations_kept(same, old_page, new_page):
                return False
        return True
    except (PdfError, KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
        logger.info("content comparison failed: %s", error)
        return False


def _page_tree(node: generic.DictionaryObject) -> list[tuple[generic.DictionaryObject, bool]]:
    """Every node of a page tree in document order, flagged True for pages (leaves)."""
    found, stack, seen = [], [node], set()
    while stack:
        current = stack.pop()
        if id(current) in seen or len(found) > 100_000:
            raise ValueError("page tree loops")
        seen.add(id(current))
        is_leaf = "/Kids" not in current
        found.append((current, is_leaf))
        if not is_leaf:
            stack.extend(reversed([kid.get_object() for kid in current["/Kids"]]))
    return found


def _annotations_kept(
    same: "_Same", old_page: generic.DictionaryObject, new_page: generic.DictionaryObject
) -> bool:
    old_annots = list(old_page.get("/Annots", None) or [])
    new_annots = list(new_page.get("/Annots", None) or [])
    if len(new_annots) < len(old_annots):
        return False
    kept = all(same.values(a, b) for a, b in zip(old_annots, new_annots, strict=False))
    return kept and all(_is_signature_widget(a) for a in new_annots[len(old_annots) :])


def _is_signature_widget(annotation: generic.PdfObject) -> bool:
    annotation = annotation.get_object()
    if annotation.get("/Subtype") != "/Widget":
        return False
    field = (
        annotation.get("/Parent", annotation).get_object()
        if "/FT" not in annotation
        else annotation
    )
    return field.get("/FT") == "/Sig"


class _Same:
    """Deep equality of PDF objects read from two revisions (each through its own resolver)."""

    def __init__(self) -> None:
        self.seen: set[tuple[tuple[int, int], tuple[int, int]]] = set()

    def values(self, a: generic.PdfObject, b: generic.PdfObject) -> bool:
        if isinstance(a, generic.IndirectObject) or isinstance(b, generic.IndirectObject):
            if isinstance(a, generic.IndirectObject) and isinstance(b, generic.IndirectObject):
                pair = ((a.idnum, a.generation), (b.idnum, b.generation))
                if pair in self.seen:
                    return True
                self.seen.add(pair)
            a, b = a.get_object(), b.get_object()
        if isinstance(a, generic.StreamObject) or isinstance(b, generic.StreamObject):
            return (
                isinstance(a, generic.StreamObject)
                and isinstance(b, generic.StreamObject)
                and a.encoded_data == b.encoded_data
                and self.dicts(a, b)
            )
        if isinstance(a, generic.DictionaryObject) or isinstance(b, generic.DictionaryObject):
            both = isinstance(a, generic.DictionaryObject) and isinstance(
                b, generic.DictionaryObject
            )
            return both and self.dicts(a, b)
        if isinstance(a, generic.ArrayObject) or isinstance(b, generic.ArrayObject):
            return (
                isinstance(a, generic.ArrayObject)
                and isinstance(b, generic.ArrayObject)
                and len(a) == len(b)
                and all(self.values(x, y) for x, y in zip(a, b, strict=True))
            )
        return type(a) is type(b) and a == b

    def dicts(
        self,
        a: generic.DictionaryObject,
        b: generic.DictionaryObject,
        *,
        skip: set[str] = frozenset(),
    ) -> bool:
        keys = (set(a) | set(b)) - set(skip)
        return all(
            key in a and key in b and self.values(a.raw_get(key), b.raw_get(key)) for key in keys
        )
