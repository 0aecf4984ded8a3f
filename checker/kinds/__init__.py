"""The vocabulary of rule kinds. Each kind is one module declaring its options and outcomes."""
from .base import SEVERITIES, STATUSES, Context, Kind, Option, Outcome, Rule
from .closing import ClosingKind
from .compare import CompareKind
from .metric import MetricKind
from .order import OrderKind
from .phrase import PhraseKind
from .section import SectionKind

KINDS: dict[str, Kind] = {kind.NAME: kind() for kind in (SectionKind, PhraseKind, ClosingKind, MetricKind, OrderKind,
                                                        CompareKind)}

__all__ = ["KINDS", "SEVERITIES", "STATUSES", "Context", "Kind", "Option", "Outcome", "Rule"]
