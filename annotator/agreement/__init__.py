"""Agreement between annotators: chance-corrected coefficients, span matching, the figures of a project, and
the units of a document that the review shows and adjudication builds the gold layer from.

Pure Python: no Qt, no SQL. The Store reads the layers (``Store.agreement_layers``); this package measures.
"""

from annotator.agreement.coefficients import (
    Figure,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    krippendorff_alpha_figure,
    scott_pi,
)
from annotator.agreement.figures import DocumentScore, PairTally, Report, measure
from annotator.agreement.gold import AutoResult, GoldLayer
from annotator.agreement.matching import match_exact, match_overlap, trim
from annotator.agreement.report import as_json
from annotator.agreement.units import DocumentLayers, Kind, Unit, document_units, unanimous_relations

__all__ = [
    "AutoResult",
    "DocumentLayers",
    "DocumentScore",
    "Figure",
    "GoldLayer",
    "Kind",
    "PairTally",
    "Report",
    "Unit",
    "as_json",
    "cohen_kappa",
    "document_units",
    "fleiss_kappa",
    "krippendorff_alpha",
    "krippendorff_alpha_figure",
    "match_exact",
    "match_overlap",
    "measure",
    "scott_pi",
    "trim",
    "unanimous_relations",
]
