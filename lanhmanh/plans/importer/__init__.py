"""Reading plan documents: a Vietnamese Kế hoạch or Công văn → a draft to check and save.

Pure Python (no Django): the Django side of ``lanhmanh.plans`` turns a draft into models.

Public API
----------
``read_document(path_or_bytes, filename=None) -> str``
    The text of a .txt/.md, .docx or text PDF file. Files that cannot be read (empty, over
    ``MAX_DOCUMENT_BYTES``, legacy .doc, password-protected, scanned PDFs without a text
    layer, unsupported types) raise ``DocumentReadError`` with a ``code`` and a Vietnamese
    ``message`` (the ``readers.MSG_*`` constants).

``plan_check(draft)``
    Raises ``DocumentReadError('not_a_plan')`` for a text that is neither a plan nor a
    directive (a recipe, a news item, a report that assigns nothing): the caller saves
    nothing and shows the message.

``parse_plan(text) -> PlanDraft``
    Reads kind (plan or directive), title, issuer and unit (name, level, parent), number,
    date, year, topics, bases, numeric targets, tasks with lead and coordinating agencies,
    agencies given assignments, standing agency, reporting periodicities, signature and
    signer. It never raises on a string: what it cannot read stays empty and is explained
    in ``PlanDraft.warnings`` (Vietnamese). ``PlanDraft.to_dict()`` uses the field names of
    ``shared/seeds/GOLD.json``.

How it reads
------------
The reader follows the structure of administrative documents (Decree 30/2020/NĐ-CP) and
general Vietnamese phrasing, never the wording of particular documents:

* ``text``: NFC, markdown marks removed, sentences broken by page breaks mended; every
  clean character keeps its source position so quotes are exact substrings of the input;
* ``structure``: the outline (I., 1., 1.1., a), '* …:', '-', '+') and clauses;
* ``header``: kind line or 'V/v', title, 'Số:', place and date, issuing body, signature;
* ``targets``: quantities with comparators, ranges, baselines, frequencies;
* ``agencies``: assignment items and 'Chủ trì:'/'Phối hợp:' tasks;
* ``facts``: bases, topics, reporting periodicities, standing agency;
* ``gazetteer``: the parent of a district or commune when the text does not name it.
"""

from .draft import PlanDraft, TaskDraft, UnitDraft
from .parse import parse_plan, plan_check
from .readers import (
    MAX_DOCUMENT_BYTES,
    MAX_TEXT_CHARS,
    DocumentReadError,
    DocumentText,
    read_document,
)
from .targets import TargetFound

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_TEXT_CHARS",
    "DocumentReadError",
    "DocumentText",
    "PlanDraft",
    "TargetFound",
    "TaskDraft",
    "UnitDraft",
    "parse_plan",
    "plan_check",
    "read_document",
]
